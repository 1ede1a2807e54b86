"""boto3 over awsJson 1.0: FIFO queues — group ordering and blocking, deduplication (content-based,
explicit, per message group), ReceiveRequestAttemptId, sequence numbers and FIFO-only validation."""
import threading
import time

from conflux import sqs_client
from sqs_support import SqsTestCase

DEDUP_REQUIRED = "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly"


class FifoTests(SqsTestCase):
    def fifo(self, **attributes):
        return self.create_queue(fifo=True, attributes={k: str(v).lower() if isinstance(v, bool) else str(v)
                                                        for k, v in attributes.items()})

    def test_send_returns_increasing_sequence_numbers(self):
        url = self.fifo()
        first = self.sqs.send_message(QueueUrl=url, MessageBody="a", MessageGroupId="g", MessageDeduplicationId="1")
        second = self.sqs.send_message(QueueUrl=url, MessageBody="b", MessageGroupId="g", MessageDeduplicationId="2")
        for response in (first, second):
            self.assertRegex(response["SequenceNumber"], r"^\d+$")
        self.assertGreater(int(second["SequenceNumber"]), int(first["SequenceNumber"]))

    def test_system_attributes_of_fifo_message(self):
        url = self.fifo(VisibilityTimeout=0)
        sent = self.sqs.send_message(QueueUrl=url, MessageBody="message-body-1", MessageGroupId="group-1",
                                     MessageDeduplicationId="dedup-1")
        for expected_count in ("1", "2"):
            message = self.receive_one(url, MessageSystemAttributeNames=["All"])
            attributes = message["Attributes"]
            self.assertEqual({"ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount", "MessageDeduplicationId",
                              "MessageGroupId", "SenderId", "SentTimestamp", "SequenceNumber"}, set(attributes))
            self.assertEqual(expected_count, attributes["ApproximateReceiveCount"])
            self.assertEqual("group-1", attributes["MessageGroupId"])
            self.assertEqual("dedup-1", attributes["MessageDeduplicationId"])
            self.assertEqual(sent["SequenceNumber"], attributes["SequenceNumber"])
            self.assertEqual(sent["MessageId"], message["MessageId"])

    def test_messages_of_a_group_arrive_in_order(self):
        url = self.fifo(ContentBasedDeduplication=True)
        for i in range(6):
            self.sqs.send_message(QueueUrl=url, MessageBody=f"m{i}", MessageGroupId="g")
        bodies = []
        while len(bodies) < 6:
            batch = self.receive(url, MaxNumberOfMessages=10, WaitTimeSeconds=1)
            self.assertTrue(batch)
            bodies.extend(m["Body"] for m in batch)
            for m in batch:
                self.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        self.assertEqual([f"m{i}" for i in range(6)], bodies)

    def test_group_is_blocked_while_a_message_is_in_flight(self):
        url = self.fifo(ContentBasedDeduplication=True)
        self.sqs.send_message(QueueUrl=url, MessageBody="a1", MessageGroupId="A")
        self.sqs.send_message(QueueUrl=url, MessageBody="a2", MessageGroupId="A")
        first = self.receive_one(url, MaxNumberOfMessages=1)
        self.assertEqual("a1", first["Body"])
        self.assertEqual([], self.receive(url, MaxNumberOfMessages=10))
        self.sqs.send_message(QueueUrl=url, MessageBody="b1", MessageGroupId="B")
        self.assertEqual(["b1"], [m["Body"] for m in self.receive(url, MaxNumberOfMessages=10, WaitTimeSeconds=1)])
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=first["ReceiptHandle"])
        self.assertEqual(["a2"], [m["Body"] for m in self.receive(url, MaxNumberOfMessages=10, WaitTimeSeconds=1)])

    def test_group_is_released_when_visibility_expires(self):
        url = self.fifo(ContentBasedDeduplication=True)
        self.sqs.send_message(QueueUrl=url, MessageBody="a1", MessageGroupId="A")
        self.sqs.send_message(QueueUrl=url, MessageBody="a2", MessageGroupId="A")
        self.assertEqual("a1", self.receive_one(url, MaxNumberOfMessages=1, VisibilityTimeout=1)["Body"])
        again = self.receive(url, MaxNumberOfMessages=10, WaitTimeSeconds=3)
        self.assertEqual(["a1", "a2"], [m["Body"] for m in again])

    def test_long_poll_wakes_when_the_group_is_released(self):
        url = self.fifo(ContentBasedDeduplication=True)
        self.sqs.send_message(QueueUrl=url, MessageBody="a1", MessageGroupId="A")
        self.sqs.send_message(QueueUrl=url, MessageBody="a2", MessageGroupId="A")
        handle = self.receive_one(url, MaxNumberOfMessages=1)["ReceiptHandle"]
        other = sqs_client()
        timer = threading.Timer(0.5, lambda: other.delete_message(QueueUrl=url, ReceiptHandle=handle))
        started = time.monotonic()
        timer.start()
        try:
            messages = self.receive(url, WaitTimeSeconds=10)
        finally:
            timer.join()
        self.assertEqual(["a2"], [m["Body"] for m in messages])
        self.assertLess(time.monotonic() - started, 5)

    def test_counts_with_blocked_groups(self):
        url = self.fifo(ContentBasedDeduplication=True)
        for i, group in enumerate(["1", "1", "2", "2", "3", "3"]):
            self.sqs.send_message(QueueUrl=url, MessageBody=f"message-{i}", MessageGroupId=group)
        first = self.receive_one(url, MaxNumberOfMessages=1, MessageSystemAttributeNames=["MessageGroupId"])
        second = self.receive_one(url, MaxNumberOfMessages=1, MessageSystemAttributeNames=["MessageGroupId"])
        self.assertEqual("1", first["Attributes"]["MessageGroupId"])
        self.assertEqual("2", second["Attributes"]["MessageGroupId"])
        self.assertEqual((4, 2, 0), self.counts(url))

    def test_extended_visibility_hides_the_rest_of_the_group(self):
        url = self.fifo(VisibilityTimeout=1)
        for body in ("foo", "bar", "baz"):
            self.sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId="1", MessageDeduplicationId=body)
        messages = self.receive(url, MaxNumberOfMessages=5)
        self.assertEqual(["foo", "bar", "baz"], [m["Body"] for m in messages])
        self.sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=messages[1]["ReceiptHandle"], VisibilityTimeout=4)
        time.sleep(2.5)
        # the messages before the extended one are visible again; it and those after it are not
        self.assertEqual(["foo"], [m["Body"] for m in self.receive(url, MaxNumberOfMessages=5)])

    def test_content_based_deduplication(self):
        url = self.fifo(ContentBasedDeduplication=True)
        self.sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="g")
        self.sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="g")
        self.sqs.send_message(QueueUrl=url, MessageBody="different", MessageGroupId="g")
        self.assertEqual(["same", "different"], [m["Body"] for m in self.collect(url, 2, timeout=3)])
        self.assertEqual((0, 0, 0), self.counts(url))

    def test_explicit_deduplication_id(self):
        url = self.fifo()
        self.sqs.send_message(QueueUrl=url, MessageBody="first", MessageGroupId="g", MessageDeduplicationId="d1")
        self.sqs.send_message(QueueUrl=url, MessageBody="second", MessageGroupId="g", MessageDeduplicationId="d1")
        self.sqs.send_message(QueueUrl=url, MessageBody="third", MessageGroupId="g", MessageDeduplicationId="d2")
        self.assertEqual(["first", "third"], [m["Body"] for m in self.collect(url, 2, timeout=3)])
        self.assertEqual((0, 0, 0), self.counts(url))

    def test_explicit_id_wins_over_content_based_deduplication(self):
        url = self.fifo(ContentBasedDeduplication=True)
        self.sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="g", MessageDeduplicationId="x1")
        self.sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="g", MessageDeduplicationId="x2")
        self.assertEqual(["same", "same"], [m["Body"] for m in self.collect(url, 2, timeout=3)])

    def test_deduplication_outlives_delete(self):
        for content_based in (True, False):
            with self.subTest(content_based=content_based):
                url = self.fifo(ContentBasedDeduplication=content_based)
                kwargs = {} if content_based else {"MessageDeduplicationId": "dedup"}
                self.sqs.send_message(QueueUrl=url, MessageBody='{"foo": "bar"}', MessageGroupId="g", **kwargs)
                message = self.receive_one(url)
                self.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
                self.sqs.send_message(QueueUrl=url, MessageBody='{"foo": "bar"}', MessageGroupId="g", **kwargs)
                self.assertEqual((0, 0, 0), self.counts(url))
                self.assertEqual([], self.receive(url))

    def test_queue_scope_deduplicates_across_groups(self):
        url = self.fifo()
        self.sqs.send_message(QueueUrl=url, MessageBody="Test", MessageGroupId="group-1", MessageDeduplicationId="same")
        self.sqs.send_message(QueueUrl=url, MessageBody="Test", MessageGroupId="group-2", MessageDeduplicationId="same")
        self.assertEqual(["Test"], [m["Body"] for m in self.collect(url, 1, timeout=3)])
        self.assertEqual((0, 0, 0), self.counts(url))

    def test_message_group_scope_deduplicates_per_group(self):
        for attributes in ({"DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"},
                           {"DeduplicationScope": "messageGroup"}):
            with self.subTest(attributes=attributes):
                url = self.fifo(**attributes)
                self.sqs.send_message(QueueUrl=url, MessageBody="Test1", MessageGroupId="group-1", MessageDeduplicationId="same")
                self.sqs.send_message(QueueUrl=url, MessageBody="Test2", MessageGroupId="group-2", MessageDeduplicationId="same")
                self.sqs.send_message(QueueUrl=url, MessageBody="Test3", MessageGroupId="group-2", MessageDeduplicationId="same")
                self.assertEqual(["Test1", "Test2"], sorted(m["Body"] for m in self.collect(url, 2, timeout=3)))
                self.assertEqual((0, 0, 0), self.counts(url))

    def test_receive_request_attempt_id_returns_the_same_messages(self):
        url = self.fifo(ContentBasedDeduplication=True)
        for i in range(3):
            self.sqs.send_message(QueueUrl=url, MessageBody=f"m{i}", MessageGroupId="g")
        first = self.receive(url, MaxNumberOfMessages=2, ReceiveRequestAttemptId="attempt-1")
        self.assertEqual(["m0", "m1"], [m["Body"] for m in first])
        retried = self.receive(url, MaxNumberOfMessages=2, ReceiveRequestAttemptId="attempt-1")
        self.assertEqual([m["MessageId"] for m in first], [m["MessageId"] for m in retried])
        self.assertEqual([m["ReceiptHandle"] for m in first], [m["ReceiptHandle"] for m in retried])
        # another attempt finds the group in flight
        self.assertEqual([], self.receive(url, MaxNumberOfMessages=2, ReceiveRequestAttemptId="attempt-2"))
        for m in retried:
            self.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        self.assertEqual(["m2"], [m["Body"] for m in self.receive(url, MaxNumberOfMessages=2, WaitTimeSeconds=1)])

    def test_per_message_delay_is_rejected(self):
        url = self.fifo(ContentBasedDeduplication=True)
        self.assert_error(
            "InvalidParameterValue", self.sqs.send_message, QueueUrl=url, MessageBody="x", MessageGroupId="g", DelaySeconds=2,
            message="Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.")
        self.sqs.send_message(QueueUrl=url, MessageBody="zero", MessageGroupId="g", DelaySeconds=0)
        self.assertEqual("zero", self.receive_one(url)["Body"])

    def test_zero_delay_keeps_the_queue_delay(self):
        url = self.fifo(ContentBasedDeduplication=True, DelaySeconds=1)
        started = time.monotonic()
        self.sqs.send_message(QueueUrl=url, MessageBody="message-1", MessageGroupId="g", DelaySeconds=0)
        self.assertEqual([], self.receive(url))
        self.assertEqual("message-1", self.receive_one(url, wait=3)["Body"])
        self.assertGreaterEqual(time.monotonic() - started, 0.9)

    def test_group_and_deduplication_ids_are_required(self):
        url = self.fifo()
        self.assert_error("MissingParameter", self.sqs.send_message, QueueUrl=url, MessageBody="x", MessageDeduplicationId="d",
                          message="The request must contain the parameter MessageGroupId.")
        self.assert_error("InvalidParameterValue", self.sqs.send_message, QueueUrl=url, MessageBody="x", MessageGroupId="g",
                          message=DEDUP_REQUIRED)

    def test_batch_requires_group_and_deduplication_ids(self):
        url = self.fifo()
        self.assert_error("InvalidParameterValue", self.sqs.send_message_batch, QueueUrl=url, Entries=[
            {"Id": "1", "MessageBody": "x", "MessageGroupId": "g", "MessageDeduplicationId": "d1"},
            {"Id": "2", "MessageBody": "y", "MessageDeduplicationId": "d2"},
        ], message="The request must contain the parameter MessageGroupId.")
        self.assert_error("InvalidParameterValue", self.sqs.send_message_batch, QueueUrl=url, Entries=[
            {"Id": "1", "MessageBody": "x", "MessageGroupId": "g", "MessageDeduplicationId": "d1"},
            {"Id": "2", "MessageBody": "y", "MessageGroupId": "g"},
        ], message=DEDUP_REQUIRED)
        self.assertEqual((0, 0, 0), self.counts(url))

    def test_batch_send_keeps_order_and_returns_sequence_numbers(self):
        url = self.fifo(ContentBasedDeduplication=True)
        response = self.sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": str(i), "MessageBody": f"b{i}", "MessageGroupId": "g"} for i in range(5)])
        numbers = [int(e["SequenceNumber"]) for e in sorted(response["Successful"], key=lambda e: int(e["Id"]))]
        self.assertEqual(sorted(numbers), numbers)
        self.assertEqual(5, len(set(numbers)))
        self.assertEqual([f"b{i}" for i in range(5)], [m["Body"] for m in self.collect(url, 5, timeout=3)])

    def test_duplicate_within_a_batch_is_accepted_but_delivered_once(self):
        url = self.fifo()
        response = self.sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": "a", "MessageBody": "first", "MessageGroupId": "g", "MessageDeduplicationId": "same"},
            {"Id": "b", "MessageBody": "second", "MessageGroupId": "g", "MessageDeduplicationId": "same"},
        ])
        self.assertEqual({"a", "b"}, {e["Id"] for e in response["Successful"]})
        self.assertNotIn("Failed", response)
        self.assertEqual(["first"], [m["Body"] for m in self.collect(url, 1, timeout=3)])
        self.assertEqual((0, 0, 0), self.counts(url))

    def test_concurrent_consumers_get_each_message_once_in_group_order(self):
        url = self.fifo(ContentBasedDeduplication=True)
        groups, per_group = 8, 5
        for g in range(groups):
            self.sqs.send_message_batch(QueueUrl=url, Entries=[
                {"Id": str(i), "MessageBody": f"g{g}-m{i}", "MessageGroupId": f"g{g}"} for i in range(per_group)])
        received, lock = [], threading.Lock()
        errors = []

        def consume():
            client = sqs_client()
            try:
                idle = 0
                while idle < 2:
                    batch = client.receive_message(QueueUrl=url, MaxNumberOfMessages=3, WaitTimeSeconds=1).get("Messages", [])
                    idle = idle + 1 if not batch else 0
                    with lock:
                        received.extend(m["Body"] for m in batch)
                    for m in batch:
                        client.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
            except Exception as error:  # surfaced below
                errors.append(error)

        threads = [threading.Thread(target=consume) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        self.assertEqual([], errors)
        self.assertEqual(groups * per_group, len(received))
        self.assertEqual(len(received), len(set(received)))
        for g in range(groups):
            self.assertEqual([f"g{g}-m{i}" for i in range(per_group)], [b for b in received if b.startswith(f"g{g}-")])

    def test_invalid_deduplication_ids(self):
        url = self.fifo()
        for value in ("", "a" * 129, "group 123"):
            with self.subTest(value=value):
                self.assert_error(
                    "InvalidParameterValue", self.sqs.send_message, QueueUrl=url, MessageBody="x", MessageGroupId="g",
                    MessageDeduplicationId=value,
                    message=f"Value {value} for parameter MessageDeduplicationId is invalid. Reason: MessageDeduplicationId "
                            "can only include alphanumeric and punctuation characters. 1 to 128 in length.")

    def test_delete_with_expired_handle_fails(self):
        url = self.fifo(ContentBasedDeduplication=True, VisibilityTimeout=1)
        self.sqs.send_message(QueueUrl=url, MessageBody="foobar", MessageGroupId="1")
        handle = self.receive_one(url)["ReceiptHandle"]
        time.sleep(1.3)
        self.assert_error("InvalidParameterValue", self.sqs.delete_message, QueueUrl=url, ReceiptHandle=handle,
                          message=f"Value {handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.")

    def test_delete_after_extended_visibility_succeeds(self):
        url = self.fifo(ContentBasedDeduplication=True, VisibilityTimeout=1)
        self.sqs.send_message(QueueUrl=url, MessageBody="foobar", MessageGroupId="1")
        handle = self.receive_one(url)["ReceiptHandle"]
        self.sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=5)
        time.sleep(1.3)
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=handle)
        self.assertEqual([], self.receive(url))

    def test_empty_group_keeps_working(self):
        url = self.fifo()
        self.sqs.send_message(QueueUrl=url, MessageBody="Message 1", MessageGroupId="g1", MessageDeduplicationId="1")
        message = self.receive_one(url)
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        self.assertEqual([], self.receive(url))
        self.sqs.send_message(QueueUrl=url, MessageBody="Message 2", MessageGroupId="g1", MessageDeduplicationId="2")
        self.assertEqual("Message 2", self.receive_one(url)["Body"])

    def test_content_based_deduplication_can_be_switched(self):
        url = self.fifo(ContentBasedDeduplication=True)
        self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"ContentBasedDeduplication": "false"})
        self.assertEqual("false", self.attributes(url, "ContentBasedDeduplication")["ContentBasedDeduplication"])
        self.assert_error("InvalidParameterValue", self.sqs.send_message, QueueUrl=url, MessageBody="x", MessageGroupId="g",
                          message=DEDUP_REQUIRED)
