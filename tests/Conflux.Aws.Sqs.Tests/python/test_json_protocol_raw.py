"""Raw HTTP against the awsJson 1.0 front end: malformed, mistyped, unknown and oversized requests must
be answered with a 4xx and the right __type (never a 5xx), and the server must stay healthy."""
import json
import select
import socket
import unittest
import urllib.parse

from conflux import ENDPOINT, unique
from sqs_support import JSON_CONTENT_TYPE, health_status, json_call


def error_type(body):
    document = json.loads(body)
    return document.get("__type", "")


def raw_post(path, headers, body, chunked=False, early_wait=2.0):
    """Sends a request over a plain socket so a server that answers before reading a huge body is
    still heard. Returns (status, headers dict, body bytes)."""
    parsed = urllib.parse.urlparse(ENDPOINT)
    sock = socket.create_connection((parsed.hostname, parsed.port or 80), timeout=20)
    try:
        lines = [f"POST {path} HTTP/1.1", f"Host: {parsed.hostname}:{parsed.port}"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        lines.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {len(body)}")
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        data = b""
        readable, _, _ = select.select([sock], [], [], early_wait if not chunked else 0)
        if not readable:
            try:
                step = 1 << 16
                for offset in range(0, len(body), step):
                    piece = body[offset:offset + step]
                    sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
                if chunked:
                    sock.sendall(b"0\r\n\r\n")
            except OSError:
                pass  # the server answered and closed while we were still sending
        try:
            while True:
                chunk = sock.recv(1 << 16)
                if not chunk:
                    break
                data += chunk
                head, _, rest = data.partition(b"\r\n\r\n")
                length = [l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")]
                if length and len(rest) >= int(length[0].split(b":")[1]):
                    break
        except OSError:
            pass
    finally:
        sock.close()
    head, _, rest = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split(" ")[1])
    parsed_headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in header_lines if ":" in l)}
    return status, parsed_headers, rest


class JsonProtocolNegativeTests(unittest.TestCase):
    def tearDown(self):
        self.assertEqual(200, health_status(), "server unhealthy after the request")

    def assert_client_error(self, status, body, type_suffix=None):
        self.assertGreaterEqual(status, 400, body)
        self.assertLess(status, 500, body)
        if type_suffix is not None:
            self.assertTrue(error_type(body).endswith(type_suffix), body)

    def test_malformed_json(self):
        for body in (b'{"QueueName": ', b"{not json}", b'{"QueueName": "a",}', b"\x00\x01"):
            with self.subTest(body=body):
                status, _, response = json_call("AmazonSQS.CreateQueue", body)
                self.assertEqual(400, status, response)
                self.assert_client_error(status, response, "#SerializationException")

    def test_json_that_is_not_an_object(self):
        for body in (b"[]", b"42", b'"text"', b"null"):
            with self.subTest(body=body):
                status, _, response = json_call("AmazonSQS.ListQueues", body)
                self.assert_client_error(status, response, "#SerializationException")

    def test_wrong_member_types(self):
        queue = json.loads(json_call("AmazonSQS.CreateQueue", {"QueueName": unique()})[2])["QueueUrl"]
        cases = [
            ("AmazonSQS.SendMessage", {"QueueUrl": queue, "MessageBody": "x", "DelaySeconds": "5"}),
            ("AmazonSQS.SendMessage", {"QueueUrl": queue, "MessageBody": 42}),
            ("AmazonSQS.SendMessage", {"QueueUrl": queue, "MessageBody": "x", "MessageAttributes": "nope"}),
            ("AmazonSQS.SendMessage", {"QueueUrl": queue, "MessageBody": "x", "MessageAttributes": {"a": "b"}}),
            ("AmazonSQS.ReceiveMessage", {"QueueUrl": queue, "MaxNumberOfMessages": 1.5}),
            ("AmazonSQS.ReceiveMessage", {"QueueUrl": queue, "WaitTimeSeconds": 10 ** 20}),
            ("AmazonSQS.ReceiveMessage", {"QueueUrl": queue, "AttributeNames": "All"}),
            ("AmazonSQS.SendMessageBatch", {"QueueUrl": queue, "Entries": {"Id": "1"}}),
            ("AmazonSQS.SendMessageBatch", {"QueueUrl": queue, "Entries": ["x"]}),
            ("AmazonSQS.CreateQueue", {"QueueName": ["list"]}),
            ("AmazonSQS.CreateQueue", {"QueueName": unique(), "Attributes": {"DelaySeconds": 5}}),
            ("AmazonSQS.TagQueue", {"QueueUrl": queue, "Tags": ["a"]}),
            ("AmazonSQS.SendMessage", {"QueueUrl": queue, "MessageBody": "x",
                                       "MessageAttributes": {"b": {"DataType": "Binary", "BinaryValue": "%%%not-base64"}}}),
        ]
        for target, body in cases:
            with self.subTest(target=target, body=body):
                status, _, response = json_call(target, body)
                self.assertEqual(400, status, response)
                self.assert_client_error(status, response, "#SerializationException")
        json_call("AmazonSQS.DeleteQueue", {"QueueUrl": queue})

    def test_unknown_operation(self):
        status, _, response = json_call("AmazonSQS.NoSuchOperation", {})
        self.assertEqual(400, status, response)
        self.assert_client_error(status, response, "#UnknownOperationException")

    def test_unknown_target_prefix(self):
        for target in ("AmazonSNS.ListQueues", "NoDot", "AmazonSQS."):
            with self.subTest(target=target):
                status, _, response = json_call(target, {})
                self.assert_client_error(status, response, "#UnknownOperationException")

    def test_empty_body(self):
        status, _, response = json_call("AmazonSQS.CreateQueue", b"")
        self.assertEqual(400, status, response)
        self.assertIn(error_type(response).split("#")[-1], ("MissingRequiredParameterException", "SerializationException"))
        status, _, response = json_call("AmazonSQS.ListQueues", b"")
        self.assertLess(status, 500, response)

    def test_non_utf8_bytes(self):
        for body in (b'{"QueueName": "\xff\xfe"}', b'{"QueueName": "\xc3\x28"}', b'\xef\xbb\xbf{"QueueName": "x"}'[:3] + b"\xff"):
            with self.subTest(body=body):
                status, _, response = json_call("AmazonSQS.CreateQueue", body)
                self.assertEqual(400, status, response)
                self.assert_client_error(status, response, "#SerializationException")

    def test_body_over_four_mebibytes(self):
        size = 4 * 1024 * 1024 + 1024
        body = b'{"QueueName": "' + b"a" * (size - 17) + b'"}'
        headers = {"Content-Type": JSON_CONTENT_TYPE, "X-Amz-Target": "AmazonSQS.CreateQueue"}
        status, _, response = raw_post("/", headers, body)
        self.assert_client_error(status, response)
        self.assertEqual(413, status, response)

    def test_chunked_body_over_four_mebibytes(self):
        body = b'{"QueueUrl": "x", "MessageBody": "' + b"a" * (4 * 1024 * 1024 + 1024) + b'"}'
        headers = {"Content-Type": JSON_CONTENT_TYPE, "X-Amz-Target": "AmazonSQS.SendMessage"}
        status, _, response = raw_post("/", headers, body, chunked=True)
        self.assert_client_error(status, response)

    def test_error_shape_of_a_service_error(self):
        status, headers, response = json_call("AmazonSQS.GetQueueUrl", {"QueueName": unique("missing")})
        self.assertEqual(400, status)
        self.assertEqual({"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "The specified queue does not exist."},
                         json.loads(response))
        self.assertEqual("AWS.SimpleQueueService.NonExistentQueue;Sender", headers.get("x-amzn-query-error"))
        self.assertTrue(headers.get("content-type", "").startswith(JSON_CONTENT_TYPE))
        self.assertTrue(headers.get("x-amzn-requestid"))

    def test_null_members_are_treated_as_absent(self):
        status, _, response = json_call("AmazonSQS.ListQueues", {"QueueNamePrefix": None, "MaxResults": None})
        self.assertEqual(200, status, response)

    def test_unknown_members_are_ignored(self):
        status, _, response = json_call("AmazonSQS.ListQueues", {"NoSuchMember": {"nested": [1, 2]}})
        self.assertEqual(200, status, response)

    def test_deeply_nested_json(self):
        body = b'{"QueueName": ' + b"[" * 10000 + b"]" * 10000 + b"}"
        status, _, response = json_call("AmazonSQS.CreateQueue", body)
        self.assert_client_error(status, response, "#SerializationException")
