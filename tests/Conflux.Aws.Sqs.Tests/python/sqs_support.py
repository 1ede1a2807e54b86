"""Shared helpers for the SQS suites: a base TestCase with queue factories, error assertions,
SQS's MD5 digests computed independently of the server, and raw HTTP access."""
import hashlib
import json
import struct
import time
import unittest

from botocore.exceptions import ClientError

from conflux import ACCOUNT, ENDPOINT, REGION, http_request, wait_until, sqs_client, unique

JSON_CONTENT_TYPE = "application/x-amz-json-1.0"
XML_NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/"


def md5_hex(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.md5(data).hexdigest()


def _length_prefixed(digest, data):
    digest.update(struct.pack(">I", len(data)))
    digest.update(data)


def attributes_md5(attributes):
    """SQS's documented digest of message attributes: for each attribute in name order, the
    length-prefixed UTF-8 name, the length-prefixed data type, a transport byte (1 for String and
    Number, 2 for Binary) and the length-prefixed value."""
    digest = hashlib.md5()
    for name in sorted(attributes):
        value = attributes[name]
        _length_prefixed(digest, name.encode("utf-8"))
        _length_prefixed(digest, value["DataType"].encode("utf-8"))
        if "BinaryValue" in value:
            digest.update(b"\x02")
            binary = value["BinaryValue"]
            _length_prefixed(digest, binary if isinstance(binary, bytes) else binary.encode("utf-8"))
        else:
            digest.update(b"\x01")
            _length_prefixed(digest, value["StringValue"].encode("utf-8"))
    return digest.hexdigest()


def queue_name_of(url):
    return url.rstrip("/").split("/")[-1]


def arn_of(url_or_name):
    name = queue_name_of(url_or_name) if "/" in url_or_name else url_or_name
    return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"






def auth_header(service="sqs"):
    """A syntactically valid SigV4 Authorization header (the server accepts any credentials)."""
    date = time.strftime("%Y%m%d", time.gmtime())
    return (f"AWS4-HMAC-SHA256 Credential=test/{date}/{REGION}/{service}/aws4_request, "
            "SignedHeaders=host;x-amz-date, Signature=" + "0" * 64)


def json_call(target, body, raw=False, headers=None, url=None):
    """POSTs an awsJson 1.0 request. body is a dict (serialised) or bytes (sent as is)."""
    data = body if isinstance(body, (bytes, bytearray)) or body is None else json.dumps(body).encode("utf-8")
    all_headers = {
        "Content-Type": JSON_CONTENT_TYPE,
        "X-Amz-Target": target,
        "X-Amz-Date": time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()),
        "Authorization": auth_header(),
    }
    all_headers.update(headers or {})
    return http_request("POST", url or ENDPOINT + "/", data if data is not None else b"", all_headers)


def health_status():
    status, _, _ = http_request("GET", ENDPOINT + "/health", timeout=10)
    return status


class SqsTestCase(unittest.TestCase):
    """Base class: a shared boto3 client and queue factories that delete what they create."""

    sqs = None

    @classmethod
    def setUpClass(cls):
        cls.sqs = sqs_client()

    def create_queue(self, name=None, fifo=False, attributes=None, tags=None, prefix="q", cleanup=True):
        name = name or unique(prefix) + (".fifo" if fifo else "")
        attributes = dict(attributes or {})
        if fifo:
            attributes.setdefault("FifoQueue", "true")
        kwargs = {"QueueName": name}
        if attributes:
            kwargs["Attributes"] = attributes
        if tags:
            kwargs["tags"] = tags
        url = self.sqs.create_queue(**kwargs)["QueueUrl"]
        if cleanup:
            self.addCleanup(self._delete_quietly, url)
        return url

    def _delete_quietly(self, url):
        try:
            self.sqs.delete_queue(QueueUrl=url)
        except ClientError:
            pass

    def create_dlq_pair(self, max_receive_count=1, fifo=False, source_attributes=None):
        """A dead-letter queue and a source queue redriving into it; returns (source_url, dlq_url)."""
        dlq = self.create_queue(prefix="dlq", fifo=fifo)
        attributes = {"RedrivePolicy": json.dumps({"deadLetterTargetArn": arn_of(dlq), "maxReceiveCount": max_receive_count})}
        attributes.update(source_attributes or {})
        source = self.create_queue(prefix="src", fifo=fifo, attributes=attributes)
        return source, dlq

    def assert_error(self, code, fn, *args, status=400, message=None, message_contains=None, **kwargs):
        """Calls fn and asserts it fails with the given error Code (and HTTP status / message)."""
        with self.assertRaises(ClientError) as caught:
            fn(*args, **kwargs)
        response = caught.exception.response
        self.assertEqual(code, response["Error"]["Code"], response["Error"])
        if status is not None:
            self.assertEqual(status, response["ResponseMetadata"]["HTTPStatusCode"], response["Error"])
        if message is not None:
            self.assertEqual(message, response["Error"].get("Message"), response["Error"])
        if message_contains is not None:
            self.assertIn(message_contains, response["Error"].get("Message", ""), response["Error"])
        return response

    def attributes(self, url, *names):
        return self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=list(names) or ["All"]).get("Attributes", {})

    def counts(self, url):
        a = self.attributes(url, "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                            "ApproximateNumberOfMessagesDelayed")
        return (int(a["ApproximateNumberOfMessages"]), int(a["ApproximateNumberOfMessagesNotVisible"]),
                int(a["ApproximateNumberOfMessagesDelayed"]))

    def receive(self, url, **kwargs):
        return self.sqs.receive_message(QueueUrl=url, **kwargs).get("Messages", [])

    def receive_one(self, url, wait=2, **kwargs):
        messages = self.receive(url, WaitTimeSeconds=wait, **kwargs)
        self.assertEqual(1, len(messages), messages)
        return messages[0]

    def collect(self, url, expected, timeout=10, delete=True, **kwargs):
        """Receives until `expected` messages were collected (or the timeout passes)."""
        collected = []
        deadline = time.monotonic() + timeout
        while len(collected) < expected and time.monotonic() < deadline:
            batch = self.receive(url, MaxNumberOfMessages=10, WaitTimeSeconds=1, **kwargs)
            collected.extend(batch)
            if delete:
                for m in batch:
                    self.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        return collected
