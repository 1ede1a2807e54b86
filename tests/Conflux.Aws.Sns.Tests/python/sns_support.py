"""Shared helpers for the SNS suites: a base TestCase with topic/queue factories and error assertions,
SNS envelope and signature checks computed independently of the server, and an in-test HTTP subscriber."""
import base64
import json
import re
import socket
import threading
import time
import unittest
import urllib.parse
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from botocore.exceptions import ClientError
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from conflux import ACCOUNT, ENDPOINT, REGION, http_request, wait_until, sns_client, sqs_client, unique

SNS_XML_NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/"
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

DEFAULT_RETRY_POLICY = {
    "minDelayTarget": 20,
    "maxDelayTarget": 20,
    "numRetries": 3,
    "numMaxDelayRetries": 0,
    "numNoDelayRetries": 0,
    "numMinDelayRetries": 0,
    "backoffFunction": "linear",
}
DEFAULT_EFFECTIVE_DELIVERY_POLICY = {
    "http": {
        "defaultHealthyRetryPolicy": DEFAULT_RETRY_POLICY,
        "disableSubscriptionOverrides": False,
        "defaultRequestPolicy": {"headerContentType": "text/plain; charset=UTF-8"},
    }
}
DEFAULT_POLICY_ACTIONS = [
    "SNS:GetTopicAttributes",
    "SNS:SetTopicAttributes",
    "SNS:AddPermission",
    "SNS:RemovePermission",
    "SNS:DeleteTopic",
    "SNS:Subscribe",
    "SNS:ListSubscriptionsByTopic",
    "SNS:Publish",
]

# Where SubscribeURL, UnsubscribeURL and SigningCertURL may point: the server, by address or by name.
_parsed_endpoint = urllib.parse.urlsplit(ENDPOINT)
SERVICE_URLS = (f"http://127.0.0.1:{_parsed_endpoint.port}", f"http://localhost:{_parsed_endpoint.port}", ENDPOINT.rstrip("/"))


def topic_arn_of(name):
    return f"arn:aws:sns:{REGION}:{ACCOUNT}:{name}"


def queue_arn_of(url_or_name):
    return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{url_or_name.rstrip('/').split('/')[-1]}"


def default_topic_policy(topic_arn):
    return {
        "Version": "2008-10-17",
        "Id": "__default_policy_ID",
        "Statement": [{
            "Sid": "__default_statement_ID",
            "Effect": "Allow",
            "Principal": {"AWS": "*"},
            "Action": DEFAULT_POLICY_ACTIONS,
            "Resource": topic_arn,
            "Condition": {"StringEquals": {"AWS:SourceOwner": ACCOUNT}},
        }],
    }






def xml_find(body, path):
    """The text of the first element at `path` (element names without namespace, '/'-separated) or None."""
    root = ET.fromstring(body)
    element = root
    if root.tag.split("}")[-1] != path.split("/")[0]:
        return None
    for name in path.split("/")[1:]:
        element = next((child for child in element if child.tag.split("}")[-1] == name), None)
        if element is None:
            return None
    return element.text


def xml_root_name(body):
    return ET.fromstring(body).tag.split("}")[-1]


# ---- signatures -------------------------------------------------------------------------------------------

NOTIFICATION_SIGNED_FIELDS = ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
CONFIRMATION_SIGNED_FIELDS = ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"]

_certificates = {}
_certificates_lock = threading.Lock()


def string_to_sign(document):
    """The text SNS signs, as AWS documents it: "Name\\nValue\\n" for each signed field present, in byte order."""
    fields = NOTIFICATION_SIGNED_FIELDS if document["Type"] == "Notification" else CONFIRMATION_SIGNED_FIELDS
    return "".join(f"{name}\n{document[name]}\n" for name in fields if name in document)


def certificate(url):
    with _certificates_lock:
        if url in _certificates:
            return _certificates[url]
    status, _, body = http_request("GET", url)
    if status != 200:
        raise AssertionError(f"GET {url} answered {status}: {body[:200]!r}")
    cert = x509.load_pem_x509_certificate(body)
    with _certificates_lock:
        _certificates[url] = cert
    return cert


def verify_signature(document):
    """Verifies Signature with the certificate at SigningCertURL: PKCS#1 v1.5 over SHA1 (version 1) or SHA256 (2).
    Raises cryptography.exceptions.InvalidSignature when it does not verify."""
    algorithm = {"1": hashes.SHA1(), "2": hashes.SHA256()}[document["SignatureVersion"]]
    cert = certificate(document["SigningCertURL"])
    cert.public_key().verify(base64.b64decode(document["Signature"]), string_to_sign(document).encode("utf-8"),
                             padding.PKCS1v15(), algorithm)


def parse_timestamp(text):
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)


# ---- the in-test HTTP subscriber --------------------------------------------------------------------------

class ReceivedRequest:
    def __init__(self, method, path, headers, body):
        self.method = method
        self.path = path
        self.headers = headers  # lower-case names
        self.body = body
        self.received_at = time.monotonic()

    @property
    def message_type(self):
        return self.headers.get("x-amz-sns-message-type")

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def __repr__(self):
        return f"<{self.method} {self.path} {self.message_type} {self.body[:120]!r}>"


class HttpEndpoint:
    """An HTTP server on 127.0.0.1 (random port) that records every request. `responder(request, index)` picks the
    status code of each answer (index counts requests of the same x-amz-sns-message-type, from 0); default 200."""

    def __init__(self, responder=None, path="/sns-endpoint"):
        self.requests = []
        self.condition = threading.Condition()
        self.responder = responder or (lambda request, index: 200)
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = ReceivedRequest("POST", self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                with endpoint.condition:
                    index = sum(1 for r in endpoint.requests if r.message_type == request.message_type)
                    endpoint.requests.append(request)
                    endpoint.condition.notify_all()
                status = endpoint.responder(request, index)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def of_type(self, message_type):
        with self.condition:
            return [r for r in self.requests if r.message_type == message_type]

    def wait_for(self, message_type, count=1, timeout=10.0):
        """Waits until `count` requests of the type arrived; returns all of them so far (fewer on timeout)."""
        deadline = time.monotonic() + timeout
        with self.condition:
            while True:
                matching = [r for r in self.requests if r.message_type == message_type]
                remaining = deadline - time.monotonic()
                if len(matching) >= count or remaining <= 0:
                    return matching
                self.condition.wait(remaining)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def closed_port_url():
    """An http URL on 127.0.0.1 where nothing listens."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}/down"


# ---- base test case --------------------------------------------------------------------------------------

class SnsTestCase(unittest.TestCase):
    """Base class: shared boto3 SNS and SQS clients, factories that delete what they create, error assertions
    and SNS envelope checks."""

    sns = None
    sqs = None

    @classmethod
    def setUpClass(cls):
        cls.sns = sns_client()
        cls.sqs = sqs_client()

    # topics and queues

    def create_topic(self, name=None, fifo=False, attributes=None, tags=None, prefix="t", cleanup=True):
        name = name or unique(prefix) + (".fifo" if fifo else "")
        attributes = dict(attributes or {})
        if fifo:
            attributes.setdefault("FifoTopic", "true")
        kwargs = {"Name": name}
        if attributes:
            kwargs["Attributes"] = attributes
        if tags:
            kwargs["Tags"] = tags
        arn = self.sns.create_topic(**kwargs)["TopicArn"]
        if cleanup:
            self.addCleanup(self._quietly, self.sns.delete_topic, TopicArn=arn)
        return arn

    def create_queue(self, name=None, fifo=False, attributes=None, prefix="q"):
        name = name or unique(prefix) + (".fifo" if fifo else "")
        attributes = dict(attributes or {})
        if fifo:
            attributes.setdefault("FifoQueue", "true")
        kwargs = {"QueueName": name}
        if attributes:
            kwargs["Attributes"] = attributes
        url = self.sqs.create_queue(**kwargs)["QueueUrl"]
        self.addCleanup(self._quietly, self.sqs.delete_queue, QueueUrl=url)
        return url

    @staticmethod
    def _quietly(fn, **kwargs):
        try:
            fn(**kwargs)
        except Exception:
            pass

    def queue_arn(self, url):
        return self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]

    def allow_topic(self, queue_url, topic_arn):
        """The queue policy AWS requires before SNS may send to a queue."""
        queue_arn = self.queue_arn(queue_url)
        policy = {
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": {"Service": "sns.amazonaws.com"},
                "Action": "sqs:SendMessage",
                "Resource": queue_arn,
                "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn}},
            }],
        }
        self.sqs.set_queue_attributes(QueueUrl=queue_url, Attributes={"Policy": json.dumps(policy)})
        return queue_arn

    def subscribe_queue(self, topic_arn, queue_url=None, raw=False, attributes=None, fifo=None):
        """Subscribes a queue (a new one unless given) to the topic; returns (subscription ARN, queue URL)."""
        if queue_url is None:
            queue_url = self.create_queue(fifo=topic_arn.endswith(".fifo") if fifo is None else fifo)
        queue_arn = self.allow_topic(queue_url, topic_arn)
        attributes = dict(attributes or {})
        if raw:
            attributes["RawMessageDelivery"] = "true"
        kwargs = {"TopicArn": topic_arn, "Protocol": "sqs", "Endpoint": queue_arn, "ReturnSubscriptionArn": True}
        if attributes:
            kwargs["Attributes"] = attributes
        arn = self.sns.subscribe(**kwargs)["SubscriptionArn"]
        self.addCleanup(self._quietly, self.sns.unsubscribe, SubscriptionArn=arn)
        return arn, queue_url

    # receiving

    def receive(self, url, wait=1, max_messages=10, **kwargs):
        return self.sqs.receive_message(QueueUrl=url, WaitTimeSeconds=wait, MaxNumberOfMessages=max_messages,
                                        **kwargs).get("Messages", [])

    def collect(self, url, expected, timeout=10.0, delete=True, **kwargs):
        """Receives until `expected` messages were collected (or the timeout passes)."""
        collected = []
        deadline = time.monotonic() + timeout
        while len(collected) < expected and time.monotonic() < deadline:
            batch = self.receive(url, wait=1, **kwargs)
            collected.extend(batch)
            if delete:
                for m in batch:
                    self.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        return collected

    def receive_one(self, url, timeout=10.0, **kwargs):
        messages = self.collect(url, 1, timeout=timeout, **kwargs)
        self.assertEqual(1, len(messages), f"expected one message on {url}, got {messages}")
        return messages[0]

    def receive_envelope(self, url, timeout=10.0, **kwargs):
        """Receives one message and returns (SQS message, parsed SNS envelope)."""
        message = self.receive_one(url, timeout=timeout, **kwargs)
        return message, json.loads(message["Body"])

    def assert_empty(self, url, wait=1):
        messages = self.receive(url, wait=wait)
        self.assertEqual([], messages, f"expected no message on {url}")

    # errors

    def assert_error(self, code, fn, *args, status=400, message=None, message_contains=None, **kwargs):
        """Calls fn and asserts it fails with the given error Code, Type Sender, HTTP status and message."""
        with self.assertRaises(ClientError) as caught:
            fn(*args, **kwargs)
        response = caught.exception.response
        error = response["Error"]
        self.assertEqual(code, error.get("Code"), error)
        self.assertEqual("Sender", error.get("Type"), error)
        if status is not None:
            self.assertEqual(status, response["ResponseMetadata"]["HTTPStatusCode"], error)
        if message is not None:
            self.assertEqual(message, error.get("Message"), error)
        if message_contains is not None:
            self.assertIn(message_contains, error.get("Message", ""), error)
        return response

    def assert_invalid_parameter(self, fn, *args, message=None, message_contains=None, **kwargs):
        return self.assert_error("InvalidParameter", fn, *args, message=message, message_contains=message_contains, **kwargs)

    # envelopes

    def assert_service_url(self, url, path_and_query):
        self.assertTrue(any(url == base + path_and_query for base in SERVICE_URLS),
                        f"{url!r} is not one of {[base + path_and_query for base in SERVICE_URLS]}")

    def assert_signing_cert_url(self, url):
        self.assertTrue(any(url.startswith(base + "/SimpleNotificationService-") for base in SERVICE_URLS), url)
        self.assertTrue(url.endswith(".pem"), url)

    def assert_timestamp_recent(self, text):
        self.assertRegex(text, TIMESTAMP)
        skew = abs((datetime.now(timezone.utc) - parse_timestamp(text)).total_seconds())
        self.assertLess(skew, 120, f"Timestamp {text} is {skew:.0f}s away from now")

    def assert_notification(self, body, *, message_id, topic_arn, subscription_arn, message, subject=None,
                            attributes=None, signature_version="1", sequence_number=None, fifo=False):
        """Checks a Notification document (the SQS body or HTTP POST body) field by field, in AWS's field order,
        and verifies its signature. `attributes` is {name: (Type, Value)}. FIFO topics send no signature."""
        document = json.loads(body, object_pairs_hook=lambda pairs: dict(pairs))
        expected_order = ["Type", "MessageId"]
        if fifo:
            expected_order.append("SequenceNumber")
        expected_order.append("TopicArn")
        if subject is not None:
            expected_order.append("Subject")
        expected_order += ["Message", "Timestamp"]
        if not fifo:
            expected_order += ["SignatureVersion", "Signature", "SigningCertURL"]
        expected_order.append("UnsubscribeURL")
        if attributes:
            expected_order.append("MessageAttributes")
        self.assertEqual(expected_order, list(document), document)
        self.assertEqual("Notification", document["Type"])
        self.assertEqual(message_id, document["MessageId"])
        self.assertEqual(topic_arn, document["TopicArn"])
        if subject is not None:
            self.assertEqual(subject, document["Subject"])
        self.assertEqual(message, document["Message"])
        self.assert_timestamp_recent(document["Timestamp"])
        self.assert_service_url(document["UnsubscribeURL"], f"/?Action=Unsubscribe&SubscriptionArn={subscription_arn}")
        if sequence_number is not None:
            self.assertEqual(sequence_number, document["SequenceNumber"])
        if attributes:
            self.assertEqual({name: {"Type": t, "Value": v} for name, (t, v) in attributes.items()},
                             document["MessageAttributes"])
        if not fifo:
            self.assertEqual(signature_version, document["SignatureVersion"])
            self.assert_signing_cert_url(document["SigningCertURL"])
            verify_signature(document)
        return document

    # subscriptions

    def subscription_attributes(self, arn):
        return self.sns.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]

    def topic_attributes(self, arn):
        return self.sns.get_topic_attributes(TopicArn=arn)["Attributes"]

    def list_all_subscriptions(self, topic_arn=None):
        """Every subscription (of the topic, or of the account), following NextToken."""
        subscriptions, token = [], None
        while True:
            kwargs = {"NextToken": token} if token else {}
            if topic_arn:
                page = self.sns.list_subscriptions_by_topic(TopicArn=topic_arn, **kwargs)
            else:
                page = self.sns.list_subscriptions(**kwargs)
            subscriptions.extend(page["Subscriptions"])
            token = page.get("NextToken")
            if not token:
                return subscriptions


class HttpTestCase(SnsTestCase):
    """Adds HTTP subscriber helpers."""

    def endpoint(self, responder=None):
        endpoint = HttpEndpoint(responder)
        self.addCleanup(endpoint.close)
        return endpoint

    def subscribe_http(self, topic_arn, endpoint_url, attributes=None, return_arn=True):
        kwargs = {"TopicArn": topic_arn, "Protocol": "http", "Endpoint": endpoint_url, "ReturnSubscriptionArn": return_arn}
        if attributes:
            kwargs["Attributes"] = attributes
        arn = self.sns.subscribe(**kwargs)["SubscriptionArn"]
        if arn.startswith("arn:"):
            self.addCleanup(self._quietly, self.sns.unsubscribe, SubscriptionArn=arn)
        return arn

    def confirmation(self, endpoint, timeout=10.0):
        requests = endpoint.wait_for("SubscriptionConfirmation", timeout=timeout)
        self.assertTrue(requests, "no SubscriptionConfirmation arrived")
        return requests[0]

    def confirmed_http_subscription(self, topic_arn, endpoint, attributes=None):
        """Subscribes the endpoint and confirms through the SubscribeURL; returns the subscription ARN."""
        arn = self.subscribe_http(topic_arn, endpoint.url, attributes)
        document = self.confirmation(endpoint).json()
        status, _, body = http_request("GET", document["SubscribeURL"])
        self.assertEqual(200, status, body)
        return arn
