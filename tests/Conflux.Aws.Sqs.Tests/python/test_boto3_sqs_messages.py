"""boto3 over awsJson 1.0: messages on standard queues — send/receive, MD5s, message and system
attributes, visibility, delays, long polling, batches and size limits — as AWS SQS behaves."""
import re
import threading
import time

from conflux import sqs_client
from sqs_support import SqsTestCase, attributes_md5, md5_hex

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
INVALID_CHARACTERS = ("Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | "
                      "#xE000 to #xFFFD | #x10000 to #x10FFFF")
BATCH_ID_MESSAGE = ("A batch entry id can only contain alphanumeric characters, hyphens and underscores. "
                    "It can be at most 80 letters long.")


class SendReceiveTests(SqsTestCase):
    def test_send_returns_body_md5_and_message_id(self):
        url = self.create_queue()
        response = self.sqs.send_message(QueueUrl=url, MessageBody="hello world")
        self.assertEqual(md5_hex("hello world"), response["MD5OfMessageBody"])
        self.assertRegex(response["MessageId"], UUID)
        self.assertNotIn("MD5OfMessageAttributes", response)
        self.assertNotIn("SequenceNumber", response)

    def test_received_message_fields(self):
        url = self.create_queue()
        sent = self.sqs.send_message(QueueUrl=url, MessageBody="body-1")
        message = self.receive_one(url)
        self.assertEqual(sent["MessageId"], message["MessageId"])
        self.assertEqual("body-1", message["Body"])
        self.assertEqual(md5_hex("body-1"), message["MD5OfBody"])
        self.assertTrue(message["ReceiptHandle"])
        self.assertNotIn("Attributes", message)
        self.assertNotIn("MessageAttributes", message)
        self.assertNotIn("MD5OfMessageAttributes", message)

    def test_unicode_body_round_trips(self):
        url = self.create_queue()
        body = "tab\tnl\ncr\r ünïcödé 中文 emoji 😀 edge \ud7ff\ue000\ufffd\U0010ffff & <xml> \"quoted\" 'single'"
        sent = self.sqs.send_message(QueueUrl=url, MessageBody=body)
        self.assertEqual(md5_hex(body), sent["MD5OfMessageBody"])
        message = self.receive_one(url)
        self.assertEqual(body, message["Body"])
        self.assertEqual(md5_hex(body), message["MD5OfBody"])

    def test_invalid_body_characters_are_rejected(self):
        url = self.create_queue()
        for body in ("\u0000", "a\u0001b", "Invalid-\u0008-\u0013", "x\u000b", "\uffff", "\ufffe"):
            with self.subTest(body=repr(body)):
                self.assert_error("InvalidMessageContents", self.sqs.send_message, QueueUrl=url, MessageBody=body,
                                  message=INVALID_CHARACTERS)
        self.assertEqual((0, 0, 0), self.counts(url))

    def test_empty_body_is_missing_parameter(self):
        url = self.create_queue()
        self.assert_error("MissingParameter", self.sqs.send_message, QueueUrl=url, MessageBody="",
                          message="The request must contain the parameter MessageBody.")

    def test_receive_from_empty_queue(self):
        url = self.create_queue()
        self.assertNotIn("Messages", self.sqs.receive_message(QueueUrl=url))
        self.assertNotIn("Messages", self.sqs.receive_message(QueueUrl=url, WaitTimeSeconds=0, MaxNumberOfMessages=10))

    def test_max_number_of_messages(self):
        url = self.create_queue()
        for start in (0, 10):
            self.sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "MessageBody": f"m{start + i}"} for i in range(10 if start == 0 else 2)])
        first = self.receive(url, MaxNumberOfMessages=10, WaitTimeSeconds=1)
        self.assertTrue(1 <= len(first) <= 10, len(first))
        rest = self.collect(url, 12 - len(first), timeout=5, delete=False)
        self.assertEqual({f"m{i}" for i in range(12)}, {m["Body"] for m in first + rest})

    def test_max_number_of_messages_out_of_range(self):
        url = self.create_queue()
        self.assert_error("InvalidParameterValue", self.sqs.receive_message, QueueUrl=url, MaxNumberOfMessages=11,
                          message="Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.")
        self.assert_error("InvalidParameterValue", self.sqs.receive_message, QueueUrl=url, MaxNumberOfMessages=0)

    def test_wait_time_seconds_out_of_range(self):
        url = self.create_queue()
        self.assert_error("InvalidParameterValue", self.sqs.receive_message, QueueUrl=url, WaitTimeSeconds=21,
                          message="Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.")
        self.assert_error("InvalidParameterValue", self.sqs.receive_message, QueueUrl=url, WaitTimeSeconds=-1,
                          message="Value -1 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.")

    def test_receive_visibility_timeout_out_of_range(self):
        url = self.create_queue()
        self.assert_error("InvalidParameterValue", self.sqs.receive_message, QueueUrl=url, VisibilityTimeout=43201)

    def test_approximate_counts(self):
        url = self.create_queue()
        for i in range(3):
            self.sqs.send_message(QueueUrl=url, MessageBody=f"m{i}")
        self.sqs.send_message(QueueUrl=url, MessageBody="later", DelaySeconds=60)
        self.receive_one(url)
        self.assertEqual((2, 1, 1), self.counts(url))


class MessageAttributeTests(SqsTestCase):
    ATTRIBUTES = {
        "str": {"DataType": "String", "StringValue": "hello ünïcode"},
        "str.labelled": {"DataType": "String.custom-label", "StringValue": "labelled"},
        "num": {"DataType": "Number", "StringValue": "12.5"},
        "num-int": {"DataType": "Number.int", "StringValue": "-42"},
        "bin": {"DataType": "Binary", "BinaryValue": b"\x00\x01\x02\xfe\xff"},
        "bin_img": {"DataType": "Binary.gif", "BinaryValue": b"GIF89a"},
    }

    def test_md5_algorithm_matches_aws_vectors(self):
        # digests recorded from AWS (LocalStack snapshots) validate the helper itself
        self.assertEqual("ae7155c6026991b6d54b11589678bf9c", attributes_md5({"Foo": {"DataType": "String", "StringValue": "Bar"}}))
        self.assertEqual("4c360f3fdafd970e05fae2f149d997f5", attributes_md5({
            "Help.Me": {"DataType": "String", "StringValue": "Me"},
            "Hello": {"DataType": "String", "StringValue": "There"},
            "General": {"DataType": "String", "StringValue": "Kenobi"},
        }))

    def test_all_types_with_custom_labels(self):
        url = self.create_queue()
        sent = self.sqs.send_message(QueueUrl=url, MessageBody="attrs", MessageAttributes=self.ATTRIBUTES)
        expected_md5 = attributes_md5(self.ATTRIBUTES)
        self.assertEqual(expected_md5, sent["MD5OfMessageAttributes"])
        self.assertEqual(md5_hex("attrs"), sent["MD5OfMessageBody"])
        message = self.receive_one(url, MessageAttributeNames=["All"])
        self.assertEqual(self.ATTRIBUTES, message["MessageAttributes"])
        self.assertEqual(expected_md5, message["MD5OfMessageAttributes"])

    def test_number_values_are_kept_verbatim(self):
        url = self.create_queue()
        numbers = {f"n{i}": {"DataType": "Number", "StringValue": v}
                   for i, v in enumerate(["1614717034367", "0.000", "-1.5e10", "007", "12345678901234567890123456789012345678"])}
        sent = self.sqs.send_message(QueueUrl=url, MessageBody="n", MessageAttributes=numbers)
        self.assertEqual(attributes_md5(numbers), sent["MD5OfMessageAttributes"])
        self.assertEqual(numbers, self.receive_one(url, MessageAttributeNames=["All"])["MessageAttributes"])

    def test_non_ascii_attribute_name(self):
        url = self.create_queue()
        attributes = {"attr.1øßä": {"StringValue": "Valida", "DataType": "String"}}
        sent = self.sqs.send_message(QueueUrl=url, MessageBody="x", MessageAttributes=attributes)
        self.assertEqual(attributes_md5(attributes), sent["MD5OfMessageAttributes"])
        self.assertEqual(attributes, self.receive_one(url, MessageAttributeNames=["All"])["MessageAttributes"])

    def test_attribute_name_filters(self):
        url = self.create_queue(attributes={"VisibilityTimeout": "0"})
        attributes = {
            "Help.Me": {"DataType": "String", "StringValue": "Me"},
            "Hello": {"DataType": "String", "StringValue": "There"},
            "General": {"DataType": "String", "StringValue": "Kenobi"},
        }
        self.sqs.send_message(QueueUrl=url, MessageBody="msg", MessageAttributes=attributes)
        cases = [
            ([], [], None),
            (["All"], ["General", "Hello", "Help.Me"], "4c360f3fdafd970e05fae2f149d997f5"),
            ([".*"], ["General", "Hello", "Help.Me"], "4c360f3fdafd970e05fae2f149d997f5"),
            (["Foo", "Help"], [], None),
            (["Hello", "General"], ["General", "Hello"], "fca026605781cb4126a1e9044df24232"),
            (["Foo", "Hello"], ["Hello"], "a311262e065454b75da111d535b8dacd"),
            (["Hel.*"], ["Hello", "Help.Me"], "83fee93c1bcd8b9a5a923ffacdc636c7"),
        ]
        for names, expected, md5 in cases:
            with self.subTest(names=names):
                message = self.receive_one(url, MessageAttributeNames=names)
                self.assertEqual(expected, sorted(message.get("MessageAttributes", {})))
                self.assertEqual(md5, message.get("MD5OfMessageAttributes"))
                if md5:
                    self.assertEqual(md5, attributes_md5({k: attributes[k] for k in expected}))

    def test_asterisk_filter_returns_all_attributes(self):
        url = self.create_queue()
        attributes = {"a": {"DataType": "String", "StringValue": "1"}, "b.c": {"DataType": "Number", "StringValue": "2"}}
        self.sqs.send_message(QueueUrl=url, MessageBody="msg", MessageAttributes=attributes)
        self.assertEqual(attributes, self.receive_one(url, MessageAttributeNames=["*"]).get("MessageAttributes"))

    def test_invalid_attributes_are_rejected(self):
        url = self.create_queue()
        self.assert_error("InvalidParameterValue", self.sqs.send_message, QueueUrl=url, MessageBody="x",
                          MessageAttributes={"ErrorDetails": {"DataType": "String", "StringValue": ""}},
                          message="Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'.")
        invalid = {
            "bad type": {"a": {"DataType": "Text", "StringValue": "x"}},
            "not a number": {"a": {"DataType": "Number", "StringValue": "abc"}},
            "reserved prefix": {"AWS.thing": {"DataType": "String", "StringValue": "x"}},
            "control character": {"a": {"DataType": "String", "StringValue": "Invalid-\u0008,\u000b"}},
            "too many": {f"a{i}": {"DataType": "String", "StringValue": "x"} for i in range(11)},
        }
        for case, attributes in invalid.items():
            with self.subTest(case=case):
                self.assert_error("InvalidParameterValue", self.sqs.send_message, QueueUrl=url, MessageBody="x",
                                  MessageAttributes=attributes)
        self.assertEqual((0, 0, 0), self.counts(url))

    def test_ten_attributes_are_allowed(self):
        url = self.create_queue()
        attributes = {f"a{i}": {"DataType": "String", "StringValue": str(i)} for i in range(10)}
        sent = self.sqs.send_message(QueueUrl=url, MessageBody="x", MessageAttributes=attributes)
        self.assertEqual(attributes_md5(attributes), sent["MD5OfMessageAttributes"])

    def test_attributes_count_toward_message_size(self):
        url = self.create_queue(attributes={"MaximumMessageSize": "1024"})
        attributes = {"k": {"DataType": "String", "StringValue": "x"}}  # 1 + 6 + 1 = 8 bytes
        self.sqs.send_message(QueueUrl=url, MessageBody="a" * 1016, MessageAttributes=attributes)
        self.assert_error("InvalidParameterValue", self.sqs.send_message, QueueUrl=url, MessageBody="a" * 1017,
                          MessageAttributes=attributes,
                          message="One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.")


class SystemAttributeTests(SqsTestCase):
    def test_all_system_attributes_of_standard_message(self):
        url = self.create_queue()
        before = int(time.time() * 1000)
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        message = self.receive_one(url, MessageSystemAttributeNames=["All"])
        attributes = message["Attributes"]
        self.assertEqual({"ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount", "SenderId", "SentTimestamp"},
                         set(attributes))
        self.assertEqual("1", attributes["ApproximateReceiveCount"])
        self.assertTrue(attributes["SenderId"])
        sent = int(attributes["SentTimestamp"])
        self.assertLess(abs(sent - before), 5000)
        self.assertGreaterEqual(int(attributes["ApproximateFirstReceiveTimestamp"]), sent)

    def test_selected_system_attributes(self):
        url = self.create_queue(attributes={"VisibilityTimeout": "0"})
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        self.assertEqual(["SenderId"], sorted(self.receive_one(url, AttributeNames=["SenderId"])["Attributes"]))
        self.assertEqual(["ApproximateReceiveCount", "SentTimestamp"], sorted(self.receive_one(
            url, MessageSystemAttributeNames=["ApproximateReceiveCount", "SentTimestamp"])["Attributes"]))
        # the two parameters combine
        combined = self.receive_one(url, MessageSystemAttributeNames=["All"], AttributeNames=["SenderId"])["Attributes"]
        self.assertEqual({"ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount", "SenderId", "SentTimestamp"},
                         set(combined))

    def test_receive_count_increments_and_first_receive_is_kept(self):
        url = self.create_queue()
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        first = None
        for expected in ("1", "2", "3"):
            attributes = self.receive_one(url, VisibilityTimeout=0, AttributeNames=["All"])["Attributes"]
            self.assertEqual(expected, attributes["ApproximateReceiveCount"])
            first = first or attributes["ApproximateFirstReceiveTimestamp"]
            self.assertEqual(first, attributes["ApproximateFirstReceiveTimestamp"])

    def test_aws_trace_header(self):
        url = self.create_queue(attributes={"VisibilityTimeout": "0"})
        trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
        system = {"AWSTraceHeader": {"DataType": "String", "StringValue": trace}}
        sent = self.sqs.send_message(QueueUrl=url, MessageBody="traced", MessageSystemAttributes=system)
        self.assertEqual(attributes_md5(system), sent["MD5OfMessageSystemAttributes"])
        self.assertNotIn("MD5OfMessageAttributes", sent)
        self.assertEqual({"AWSTraceHeader": trace},
                         self.receive_one(url, MessageSystemAttributeNames=["AWSTraceHeader"])["Attributes"])
        self.assertEqual(trace, self.receive_one(url, AttributeNames=["All"])["Attributes"]["AWSTraceHeader"])
        self.assertNotIn("Attributes", self.receive_one(url))

    def test_message_group_id_on_standard_queue(self):
        url = self.create_queue()
        sent = self.sqs.send_message(QueueUrl=url, MessageBody="fair", MessageGroupId="tenant-1")
        self.assertNotIn("SequenceNumber", sent)
        attributes = self.receive_one(url, MessageSystemAttributeNames=["All"])["Attributes"]
        self.assertEqual("tenant-1", attributes["MessageGroupId"])
        self.assertNotIn("SequenceNumber", attributes)
        self.assertNotIn("MessageDeduplicationId", attributes)

    def test_invalid_message_group_id_on_standard_queue(self):
        url = self.create_queue()
        for value in ("", "a" * 129, "group 123"):
            with self.subTest(value=value):
                self.assert_error(
                    "InvalidParameterValue", self.sqs.send_message, QueueUrl=url, MessageBody="x", MessageGroupId=value,
                    message=f"Value {value} for parameter MessageGroupId is invalid. Reason: MessageGroupId can only "
                            "include alphanumeric and punctuation characters. 1 to 128 in length.")

    def test_deduplication_id_is_rejected_on_standard_queue(self):
        url = self.create_queue()
        self.assert_error("InvalidParameterValue", self.sqs.send_message, QueueUrl=url, MessageBody="x",
                          MessageDeduplicationId="d1")


class VisibilityTests(SqsTestCase):
    def test_message_reappears_after_visibility_timeout(self):
        url = self.create_queue(attributes={"VisibilityTimeout": "1"})
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        first = self.receive_one(url)
        self.assertEqual([], self.receive(url))
        again = self.receive_one(url, wait=3, AttributeNames=["ApproximateReceiveCount"])
        self.assertEqual(first["MessageId"], again["MessageId"])
        self.assertNotEqual(first["ReceiptHandle"], again["ReceiptHandle"])
        self.assertEqual("2", again["Attributes"]["ApproximateReceiveCount"])

    def test_receive_with_visibility_timeout_override(self):
        url = self.create_queue()
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        self.receive_one(url, VisibilityTimeout=0)
        self.receive_one(url, wait=0, VisibilityTimeout=3)
        self.assertEqual([], self.receive(url))

    def test_change_visibility_to_zero_makes_message_visible(self):
        url = self.create_queue()
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        handle = self.receive_one(url)["ReceiptHandle"]
        self.assertEqual([], self.receive(url))
        self.sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=0)
        self.assertEqual("x", self.receive_one(url, wait=0)["Body"])

    def test_change_visibility_extends_timeout(self):
        url = self.create_queue()
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        handle = self.receive_one(url, VisibilityTimeout=1)["ReceiptHandle"]
        self.sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=30)
        time.sleep(1.3)
        self.assertEqual([], self.receive(url))
        self.assertEqual((0, 1, 0), self.counts(url))

    def test_change_visibility_after_expiry_succeeds(self):
        url = self.create_queue(attributes={"VisibilityTimeout": "1"})
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        handle = self.receive_one(url)["ReceiptHandle"]
        time.sleep(1.3)
        self.sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=2)

    def test_change_visibility_of_deleted_message(self):
        url = self.create_queue()
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        handle = self.receive_one(url)["ReceiptHandle"]
        self.sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=42)
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=handle)
        self.assert_error(
            "InvalidParameterValue", self.sqs.change_message_visibility, QueueUrl=url, ReceiptHandle=handle,
            VisibilityTimeout=42,
            message=f"Value {handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not "
                    "available for visibility timeout change.")

    def test_change_visibility_with_invalid_handle(self):
        url = self.create_queue()
        self.assert_error("ReceiptHandleIsInvalid", self.sqs.change_message_visibility, QueueUrl=url,
                          ReceiptHandle="INVALID", VisibilityTimeout=60,
                          message='The input receipt handle "INVALID" is not a valid receipt handle.')

    def test_change_visibility_out_of_range(self):
        url = self.create_queue()
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        handle = self.receive_one(url)["ReceiptHandle"]
        self.assert_error("InvalidParameterValue", self.sqs.change_message_visibility, QueueUrl=url,
                          ReceiptHandle=handle, VisibilityTimeout=43201)

    def test_delete_message(self):
        url = self.create_queue()
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        handle = self.receive_one(url, VisibilityTimeout=0)["ReceiptHandle"]
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=handle)
        self.assertEqual((0, 0, 0), self.counts(url))
        self.assertEqual([], self.receive(url))

    def test_delete_with_illegal_handle(self):
        url = self.create_queue()
        self.assert_error("ReceiptHandleIsInvalid", self.sqs.delete_message, QueueUrl=url, ReceiptHandle="garbage",
                          message='The input receipt handle "garbage" is not a valid receipt handle.')

    def test_delete_already_deleted_message_succeeds(self):
        url = self.create_queue()
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        handle = self.receive_one(url)["ReceiptHandle"]
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=handle)
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=handle)

    def test_delete_with_old_handle_after_visibility_expired(self):
        url = self.create_queue()
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        handle = self.receive_one(url, VisibilityTimeout=1)["ReceiptHandle"]
        time.sleep(1.3)
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=handle)
        self.assertEqual(0, self.counts(url)[0])

    def test_handle_of_another_queue_is_rejected(self):
        first = self.create_queue()
        second = self.create_queue()
        self.sqs.send_message(QueueUrl=first, MessageBody="x")
        handle = self.receive_one(first)["ReceiptHandle"]
        self.assert_error("ReceiptHandleIsInvalid", self.sqs.delete_message, QueueUrl=second, ReceiptHandle=handle)
        self.assertEqual((0, 1, 0), self.counts(first))


class DelayTests(SqsTestCase):
    def test_message_delay(self):
        url = self.create_queue()
        started = time.monotonic()
        self.sqs.send_message(QueueUrl=url, MessageBody="delayed", DelaySeconds=1)
        self.assertEqual([], self.receive(url))
        self.assertEqual((0, 0, 1), self.counts(url))
        message = self.receive_one(url, wait=3)
        self.assertGreaterEqual(time.monotonic() - started, 0.9)
        self.assertEqual("delayed", message["Body"])

    def test_queue_delay(self):
        url = self.create_queue(attributes={"DelaySeconds": "1"})
        started = time.monotonic()
        self.sqs.send_message(QueueUrl=url, MessageBody="delayed")
        self.assertEqual([], self.receive(url))
        self.receive_one(url, wait=3)
        self.assertGreaterEqual(time.monotonic() - started, 0.9)

    def test_message_delay_overrides_queue_delay(self):
        url = self.create_queue(attributes={"DelaySeconds": "60"})
        self.sqs.send_message(QueueUrl=url, MessageBody="now", DelaySeconds=0)
        self.assertEqual("now", self.receive_one(url, wait=1)["Body"])

    def test_delay_out_of_range(self):
        url = self.create_queue()
        self.assert_error("InvalidParameterValue", self.sqs.send_message, QueueUrl=url, MessageBody="x", DelaySeconds=901,
                          message="Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.")
        self.assert_error("InvalidParameterValue", self.sqs.send_message, QueueUrl=url, MessageBody="x", DelaySeconds=-1)


class LongPollingTests(SqsTestCase):
    def test_long_poll_wakes_when_a_message_arrives(self):
        url = self.create_queue()
        sender = sqs_client()
        timer = threading.Timer(0.5, lambda: sender.send_message(QueueUrl=url, MessageBody="arrived"))
        started = time.monotonic()
        timer.start()
        try:
            messages = self.receive(url, WaitTimeSeconds=10)
        finally:
            timer.join()
        elapsed = time.monotonic() - started
        self.assertEqual(["arrived"], [m["Body"] for m in messages])
        self.assertGreaterEqual(elapsed, 0.4)
        self.assertLess(elapsed, 5)

    def test_long_poll_wakes_when_visibility_is_reset(self):
        url = self.create_queue()
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        handle = self.receive_one(url)["ReceiptHandle"]
        other = sqs_client()
        timer = threading.Timer(0.5, lambda: other.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=0))
        started = time.monotonic()
        timer.start()
        try:
            messages = self.receive(url, WaitTimeSeconds=10)
        finally:
            timer.join()
        self.assertEqual(["x"], [m["Body"] for m in messages])
        self.assertLess(time.monotonic() - started, 5)

    def test_concurrent_long_polls_each_get_a_message(self):
        url = self.create_queue()
        results, lock = [], threading.Lock()

        def poll():
            messages = sqs_client().receive_message(QueueUrl=url, WaitTimeSeconds=10).get("Messages", [])
            with lock:
                results.append([m["Body"] for m in messages])

        pollers = [threading.Thread(target=poll) for _ in range(3)]
        started = time.monotonic()
        for t in pollers:
            t.start()
        time.sleep(0.5)
        self.sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "MessageBody": f"m{i}"} for i in range(3)])
        for t in pollers:
            t.join(15)
        self.assertLess(time.monotonic() - started, 8)
        received = [b for r in results for b in r]
        self.assertEqual(sorted(received), sorted(set(received)))
        self.assertEqual({"m0", "m1", "m2"}, set(received) | {b["Body"] for b in self.collect(url, 3 - len(received), timeout=3)})

    def test_long_poll_returns_empty_after_the_wait(self):
        url = self.create_queue()
        started = time.monotonic()
        self.assertEqual([], self.receive(url, WaitTimeSeconds=1))
        elapsed = time.monotonic() - started
        self.assertGreaterEqual(elapsed, 0.9)
        self.assertLess(elapsed, 4)

    def test_queue_receive_wait_time_applies_by_default(self):
        url = self.create_queue(attributes={"ReceiveMessageWaitTimeSeconds": "1"})
        started = time.monotonic()
        self.assertEqual([], self.receive(url))
        self.assertGreaterEqual(time.monotonic() - started, 0.9)

    def test_explicit_zero_wait_overrides_queue_default(self):
        url = self.create_queue(attributes={"ReceiveMessageWaitTimeSeconds": "20"})
        started = time.monotonic()
        self.assertEqual([], self.receive(url, WaitTimeSeconds=0))
        self.assertLess(time.monotonic() - started, 1.5)


class BatchTests(SqsTestCase):
    def test_send_batch(self):
        url = self.create_queue()
        attributes = {"k": {"DataType": "Number", "StringValue": "1"}}
        response = self.sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": "a", "MessageBody": "one", "MessageAttributes": attributes},
            {"Id": "b-2", "MessageBody": "two"},
            {"Id": "c_3", "MessageBody": "three", "DelaySeconds": 0,
             "MessageSystemAttributes": {"AWSTraceHeader": {"DataType": "String", "StringValue": "Root=1-abc"}}},
        ])
        self.assertNotIn("Failed", response)
        by_id = {e["Id"]: e for e in response["Successful"]}
        self.assertEqual({"a", "b-2", "c_3"}, set(by_id))
        self.assertEqual(md5_hex("one"), by_id["a"]["MD5OfMessageBody"])
        self.assertEqual(attributes_md5(attributes), by_id["a"]["MD5OfMessageAttributes"])
        self.assertNotIn("MD5OfMessageAttributes", by_id["b-2"])
        self.assertEqual(attributes_md5({"AWSTraceHeader": {"DataType": "String", "StringValue": "Root=1-abc"}}),
                         by_id["c_3"]["MD5OfMessageSystemAttributes"])
        self.assertEqual(3, len({e["MessageId"] for e in response["Successful"]}))
        received = self.collect(url, 3, timeout=5)
        self.assertEqual({"one", "two", "three"}, {m["Body"] for m in received})

    def test_send_batch_with_one_invalid_entry(self):
        url = self.create_queue()
        entries = [{"Id": str(i), "MessageBody": str(i)} for i in range(9)] + [{"Id": "9", "MessageBody": "\x01"}]
        response = self.sqs.send_message_batch(QueueUrl=url, Entries=entries)
        self.assertEqual(9, len(response["Successful"]))
        self.assertEqual(1, len(response["Failed"]))
        failed = response["Failed"][0]
        self.assertEqual("9", failed["Id"])
        self.assertEqual("InvalidMessageContents", failed["Code"])
        self.assertTrue(failed["SenderFault"])
        self.assertEqual({str(i) for i in range(9)}, {m["Body"] for m in self.collect(url, 9, timeout=5)})

    def test_send_batch_entry_over_maximum_size(self):
        url = self.create_queue(attributes={"MaximumMessageSize": "1024"})
        response = self.sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": "fits", "MessageBody": "a" * 1024},
            {"Id": "too-big", "MessageBody": "a" * 1025},
        ])
        self.assertEqual(["fits"], [e["Id"] for e in response["Successful"]])
        self.assertEqual(md5_hex("a" * 1024), response["Successful"][0]["MD5OfMessageBody"])
        self.assertEqual([{"Id": "too-big", "SenderFault": True, "Code": "InvalidParameterValue",
                           "Message": "One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes."}],
                         response["Failed"])

    def test_batch_entry_size_includes_attributes(self):
        url = self.create_queue(attributes={"MaximumMessageSize": "2048"})
        attributes = {"k": {"DataType": "String", "StringValue": "x"}}
        response = self.sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": "1", "MessageBody": "a" * 2040, "MessageAttributes": attributes},
            {"Id": "2", "MessageBody": "a"},
        ])
        self.assertEqual({"1", "2"}, {e["Id"] for e in response["Successful"]})
        self.assertEqual("a45daa70926828a2f0a1db3418e6feb4", {e["Id"]: e for e in response["Successful"]}["1"]["MD5OfMessageAttributes"])

    def test_batch_request_too_long(self):
        url = self.create_queue()
        attributes = {"k": {"DataType": "String", "StringValue": "x"}}
        self.assert_error(
            "AWS.SimpleQueueService.BatchRequestTooLong", self.sqs.send_message_batch, QueueUrl=url,
            Entries=[{"Id": "1", "MessageBody": "a" * (1048576 - 8), "MessageAttributes": attributes},
                     {"Id": "2", "MessageBody": "a"}],
            message="Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.")
        self.assertEqual((0, 0, 0), self.counts(url))

    def _batch_calls(self, url, handle="garbage"):
        return {
            "SendMessageBatch": (self.sqs.send_message_batch, lambda i: {"Id": i, "MessageBody": "x"}, "SendMessageBatchRequestEntry"),
            "DeleteMessageBatch": (self.sqs.delete_message_batch, lambda i: {"Id": i, "ReceiptHandle": handle}, "DeleteMessageBatchRequestEntry"),
            "ChangeMessageVisibilityBatch": (self.sqs.change_message_visibility_batch,
                                             lambda i: {"Id": i, "ReceiptHandle": handle, "VisibilityTimeout": 0},
                                             "ChangeMessageVisibilityBatchRequestEntry"),
        }

    def test_too_many_entries(self):
        url = self.create_queue()
        for action, (call, entry, _) in self._batch_calls(url).items():
            with self.subTest(action=action):
                self.assert_error("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", call, QueueUrl=url,
                                  Entries=[entry(str(i)) for i in range(20)],
                                  message="Maximum number of entries per request are 10. You have sent 20.")

    def test_empty_batch(self):
        url = self.create_queue()
        client = sqs_client(parameter_validation=False)
        calls = {
            "SendMessageBatch": (client.send_message_batch, "SendMessageBatchRequestEntry"),
            "DeleteMessageBatch": (client.delete_message_batch, "DeleteMessageBatchRequestEntry"),
            "ChangeMessageVisibilityBatch": (client.change_message_visibility_batch, "ChangeMessageVisibilityBatchRequestEntry"),
        }
        for action, (call, entry_name) in calls.items():
            with self.subTest(action=action):
                self.assert_error("AWS.SimpleQueueService.EmptyBatchRequest", call, QueueUrl=url, Entries=[],
                                  message=f"There should be at least one {entry_name} in the request.")

    def test_duplicate_entry_ids(self):
        url = self.create_queue()
        for action, (call, entry, _) in self._batch_calls(url).items():
            with self.subTest(action=action):
                self.assert_error("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", call, QueueUrl=url,
                                  Entries=[entry("same"), entry("same")])
        self.assertEqual((0, 0, 0), self.counts(url))

    def test_invalid_entry_ids(self):
        url = self.create_queue()
        for bad in ("", "invalid:id", "testLongId" * 9):
            for action, (call, entry, _) in self._batch_calls(url).items():
                with self.subTest(action=action, id=bad):
                    self.assert_error("AWS.SimpleQueueService.InvalidBatchEntryId", call, QueueUrl=url,
                                      Entries=[entry(bad)], message=BATCH_ID_MESSAGE)

    def test_delete_message_batch(self):
        url = self.create_queue()
        self.sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "MessageBody": f"m{i}"} for i in range(3)])
        messages = self.collect(url, 3, timeout=5, delete=False)
        self.assertEqual(3, len(messages))
        response = self.sqs.delete_message_batch(QueueUrl=url, Entries=[
            {"Id": "d0", "ReceiptHandle": messages[0]["ReceiptHandle"]},
            {"Id": "d1", "ReceiptHandle": messages[1]["ReceiptHandle"]},
            {"Id": "bad", "ReceiptHandle": "garbage"},
        ])
        self.assertEqual({"d0", "d1"}, {e["Id"] for e in response["Successful"]})
        self.assertEqual(1, len(response["Failed"]))
        self.assertEqual("bad", response["Failed"][0]["Id"])
        self.assertEqual("ReceiptHandleIsInvalid", response["Failed"][0]["Code"])
        self.assertTrue(response["Failed"][0]["SenderFault"])
        self.assertEqual((0, 1, 0), self.counts(url))

    def test_change_message_visibility_batch(self):
        url = self.create_queue()
        self.sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "MessageBody": f"m{i}"} for i in range(2)])
        messages = self.collect(url, 2, timeout=5, delete=False)
        self.assertEqual([], self.receive(url))
        response = self.sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
            {"Id": f"c{i}", "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": 0} for i, m in enumerate(messages)
        ] + [{"Id": "bad", "ReceiptHandle": "garbage", "VisibilityTimeout": 0}])
        self.assertEqual({"c0", "c1"}, {e["Id"] for e in response["Successful"]})
        self.assertEqual(["bad"], [e["Id"] for e in response["Failed"]])
        self.assertEqual("ReceiptHandleIsInvalid", response["Failed"][0]["Code"])
        self.assertEqual({"m0", "m1"}, {m["Body"] for m in self.collect(url, 2, timeout=5, delete=False)})


class MessageSizeTests(SqsTestCase):
    def test_default_maximum_is_one_mebibyte(self):
        url = self.create_queue()
        body = "a" * 1048576
        sent = self.sqs.send_message(QueueUrl=url, MessageBody=body)
        self.assertEqual(md5_hex(body), sent["MD5OfMessageBody"])
        self.assertEqual(body, self.receive_one(url)["Body"])
        self.assert_error("InvalidParameterValue", self.sqs.send_message, QueueUrl=url, MessageBody=body + "a",
                          message="One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.")

    def test_size_is_counted_in_utf8_bytes(self):
        url = self.create_queue(attributes={"MaximumMessageSize": "1024"})
        self.sqs.send_message(QueueUrl=url, MessageBody="é" * 512)
        self.assert_error("InvalidParameterValue", self.sqs.send_message, QueueUrl=url, MessageBody="é" * 512 + "a",
                          message="One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.")
