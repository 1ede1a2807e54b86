"""boto3 over awsJson 1.0: dead-letter queues (RedrivePolicy, RedriveAllowPolicy,
ListDeadLetterSourceQueues) and message move tasks (Start/List/CancelMessageMoveTask) as AWS SQS behaves."""
import json
import time

from conflux import ACCOUNT, REGION, unique
from sqs_support import SqsTestCase, arn_of, wait_until

TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"


class DeadLetterTests(SqsTestCase):
    def test_message_moves_after_max_receive_count(self):
        source, dlq = self.create_dlq_pair(max_receive_count=1)
        attributes = {"MyAttribute": {"StringValue": "foobar", "DataType": "String"}}
        sent = self.sqs.send_message(QueueUrl=source, MessageBody="message-1", MessageAttributes=attributes,
                                     MessageSystemAttributes={"AWSTraceHeader": {"DataType": "String", "StringValue": TRACE}})
        first = self.receive_one(source, VisibilityTimeout=0, AttributeNames=["All"])
        self.assertEqual("1", first["Attributes"]["ApproximateReceiveCount"])
        self.assertEqual([], self.receive(source, VisibilityTimeout=0))
        self.assertTrue(wait_until(lambda: self.counts(dlq)[0] == 1, timeout=5))
        self.assertEqual((0, 0, 0), self.counts(source))
        moved = self.receive_one(dlq, AttributeNames=["All"], MessageAttributeNames=["All"])
        self.assertEqual(sent["MessageId"], moved["MessageId"])
        self.assertEqual("message-1", moved["Body"])
        self.assertEqual(attributes, moved["MessageAttributes"])
        self.assertEqual(sent["MD5OfMessageAttributes"], moved["MD5OfMessageAttributes"])
        self.assertEqual(arn_of(source), moved["Attributes"]["DeadLetterQueueSourceArn"])
        self.assertEqual(TRACE, moved["Attributes"]["AWSTraceHeader"])
        self.assertEqual("2", moved["Attributes"]["ApproximateReceiveCount"])
        self.assertEqual(first["Attributes"]["SentTimestamp"], moved["Attributes"]["SentTimestamp"])

    def test_message_is_received_max_receive_count_times(self):
        source, dlq = self.create_dlq_pair(max_receive_count=3)
        self.sqs.send_message(QueueUrl=source, MessageBody="x")
        for expected in ("1", "2", "3"):
            message = self.receive_one(source, VisibilityTimeout=0, AttributeNames=["ApproximateReceiveCount"])
            self.assertEqual(expected, message["Attributes"]["ApproximateReceiveCount"])
        self.assertEqual([], self.receive(source, VisibilityTimeout=0))
        moved = self.receive_one(dlq, wait=3, AttributeNames=["ApproximateReceiveCount", "DeadLetterQueueSourceArn"])
        self.assertEqual("4", moved["Attributes"]["ApproximateReceiveCount"])
        self.assertEqual(arn_of(source), moved["Attributes"]["DeadLetterQueueSourceArn"])

    def test_dead_letter_source_arn_only_when_requested(self):
        source, dlq = self.create_dlq_pair()
        self.sqs.send_message(QueueUrl=source, MessageBody="x")
        self.receive_one(source, VisibilityTimeout=0)
        self.receive(source, VisibilityTimeout=0)
        message = self.receive_one(dlq, wait=3, VisibilityTimeout=0, MessageSystemAttributeNames=["SenderId"])
        self.assertEqual(["SenderId"], sorted(message["Attributes"]))

    def test_fifo_dead_letter_queue(self):
        dlq = self.create_queue(fifo=True, attributes={"ContentBasedDeduplication": "true", "MessageRetentionPeriod": "1209600"})
        source = self.create_queue(fifo=True, attributes={
            "ContentBasedDeduplication": "true", "VisibilityTimeout": "60",
            "RedrivePolicy": json.dumps({"deadLetterTargetArn": arn_of(dlq), "maxReceiveCount": 2})})
        sent = self.sqs.send_message(QueueUrl=source, MessageBody="foobar", MessageGroupId="1")
        self.receive_one(source, VisibilityTimeout=0)
        self.receive_one(source, VisibilityTimeout=0)
        self.assertEqual([], self.receive(source, VisibilityTimeout=0))
        moved = self.receive_one(dlq, wait=3, MessageSystemAttributeNames=["MessageGroupId"])
        self.assertEqual(sent["MessageId"], moved["MessageId"])
        self.assertEqual("1", moved["Attributes"]["MessageGroupId"])
        # the source group keeps working
        self.sqs.send_message(QueueUrl=source, MessageBody="foobar2", MessageGroupId="1")
        self.assertEqual("foobar2", self.receive_one(source)["Body"])

    def test_redrive_policy_attribute(self):
        source, dlq = self.create_dlq_pair(max_receive_count=5)
        policy = json.loads(self.attributes(source, "RedrivePolicy")["RedrivePolicy"])
        self.assertEqual(arn_of(dlq), policy["deadLetterTargetArn"])
        self.assertEqual(5, int(policy["maxReceiveCount"]))
        self.assertIn("RedrivePolicy", self.attributes(source, "All"))
        self.assertNotIn("RedrivePolicy", self.attributes(dlq, "All"))

    def test_max_receive_count_as_string(self):
        dlq = self.create_queue(prefix="dlq")
        url = self.create_queue()
        self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"RedrivePolicy": json.dumps(
            {"deadLetterTargetArn": arn_of(dlq), "maxReceiveCount": "42"})})
        policy = json.loads(self.attributes(url, "RedrivePolicy")["RedrivePolicy"])
        self.assertEqual((arn_of(dlq), 42), (policy["deadLetterTargetArn"], int(policy["maxReceiveCount"])))

    def test_empty_redrive_policy_removes_it(self):
        source, _ = self.create_dlq_pair()
        self.sqs.set_queue_attributes(QueueUrl=source, Attributes={"RedrivePolicy": ""})
        self.assertNotIn("RedrivePolicy", self.attributes(source, "All"))
        other = self.create_queue()
        self.sqs.set_queue_attributes(QueueUrl=other, Attributes={"RedrivePolicy": ""})
        self.assertNotIn("RedrivePolicy", self.attributes(other, "All"))

    def test_invalid_redrive_policies(self):
        dlq = self.create_queue()
        fifo_dlq = self.create_queue(fifo=True)
        url = self.create_queue()
        missing = f"arn:aws:sqs:{REGION}:{ACCOUNT}:{unique('missing')}"
        cases = {
            "not json": "{",
            "no target": json.dumps({"maxReceiveCount": 1}),
            "no count": json.dumps({"deadLetterTargetArn": arn_of(dlq)}),
            "count zero": json.dumps({"deadLetterTargetArn": arn_of(dlq), "maxReceiveCount": 0}),
            "count too big": json.dumps({"deadLetterTargetArn": arn_of(dlq), "maxReceiveCount": 1001}),
            "missing target": json.dumps({"deadLetterTargetArn": missing, "maxReceiveCount": 1}),
            "queue type mismatch": json.dumps({"deadLetterTargetArn": arn_of(fifo_dlq), "maxReceiveCount": 1}),
        }
        for case, value in cases.items():
            with self.subTest(case=case):
                with self.assertRaises(Exception) as caught:
                    self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"RedrivePolicy": value})
                self.assertIn(caught.exception.response["Error"]["Code"], ("InvalidParameterValue", "InvalidAttributeValue"))
        self.assertNotIn("RedrivePolicy", self.attributes(url, "All"))

    def test_list_dead_letter_source_queues(self):
        dlq = self.create_queue(prefix="dlq")
        policy = {"RedrivePolicy": json.dumps({"deadLetterTargetArn": arn_of(dlq), "maxReceiveCount": 50})}
        sources = sorted(self.create_queue(prefix="src", attributes=policy) for _ in range(3))
        self.create_queue()
        response = self.sqs.list_dead_letter_source_queues(QueueUrl=dlq)
        self.assertEqual(sources, sorted(response["queueUrls"]))
        self.assertNotIn("NextToken", response)
        page = self.sqs.list_dead_letter_source_queues(QueueUrl=dlq, MaxResults=2)
        self.assertEqual(2, len(page["queueUrls"]))
        rest = self.sqs.list_dead_letter_source_queues(QueueUrl=dlq, MaxResults=2, NextToken=page["NextToken"])
        self.assertEqual(sources, sorted(page["queueUrls"] + rest["queueUrls"]))
        self.assertNotIn("NextToken", rest)

    def test_list_dead_letter_source_queues_of_plain_queue_is_empty(self):
        url = self.create_queue()
        self.assertEqual([], self.sqs.list_dead_letter_source_queues(QueueUrl=url)["queueUrls"])

    def test_redrive_allow_policy_deny_all(self):
        dlq = self.create_queue(prefix="dlq", attributes={"RedriveAllowPolicy": json.dumps({"redrivePermission": "denyAll"})})
        url = self.create_queue()
        self.assert_error("InvalidParameterValue", self.sqs.set_queue_attributes, QueueUrl=url,
                          Attributes={"RedrivePolicy": json.dumps({"deadLetterTargetArn": arn_of(dlq), "maxReceiveCount": 1})})
        self.assertEqual({"redrivePermission": "denyAll"},
                         json.loads(self.attributes(dlq, "RedriveAllowPolicy")["RedriveAllowPolicy"]))

    def test_redrive_allow_policy_by_queue(self):
        allowed_name, denied_name = unique("allowed"), unique("denied")
        dlq = self.create_queue(prefix="dlq", attributes={"RedriveAllowPolicy": json.dumps(
            {"redrivePermission": "byQueue", "sourceQueueArns": [arn_of(allowed_name)]})})
        policy = {"RedrivePolicy": json.dumps({"deadLetterTargetArn": arn_of(dlq), "maxReceiveCount": 1})}
        self.create_queue(name=allowed_name, attributes=policy)
        self.assert_error("InvalidParameterValue", self.sqs.create_queue, QueueName=denied_name, Attributes=policy)

    def test_invalid_redrive_allow_policy(self):
        url = self.create_queue()
        for value in ('{"redrivePermission": "sometimes"}', '{"redrivePermission": "byQueue"}', "nope"):
            with self.subTest(value=value):
                self.assert_error("InvalidAttributeValue", self.sqs.set_queue_attributes, QueueUrl=url,
                                  Attributes={"RedriveAllowPolicy": value})


class MoveTaskTests(SqsTestCase):
    def fill_dlq(self, count, max_receive_count=1):
        source, dlq = self.create_dlq_pair(max_receive_count=max_receive_count)
        self.sqs.send_message_batch(QueueUrl=source, Entries=[{"Id": str(i), "MessageBody": f"message-{i}"} for i in range(count)])
        deadline = time.monotonic() + 10
        while self.counts(dlq)[0] < count and time.monotonic() < deadline:
            self.sqs.receive_message(QueueUrl=source, MaxNumberOfMessages=10, VisibilityTimeout=0)
        self.assertEqual(count, self.counts(dlq)[0])
        return source, dlq

    def latest_task(self, dlq):
        return self.sqs.list_message_move_tasks(SourceArn=arn_of(dlq))["Results"][0]

    def wait_for_status(self, dlq, done=lambda s: s != "RUNNING", timeout=15):
        task = wait_until(lambda: (lambda t: t if done(t["Status"]) else None)(self.latest_task(dlq)), timeout=timeout, interval=0.2)
        self.assertTrue(task, f"task still {self.latest_task(dlq)}")
        return task

    def test_move_back_to_original_source(self):
        source, dlq = self.fill_dlq(2)
        handle = self.sqs.start_message_move_task(SourceArn=arn_of(dlq))["TaskHandle"]
        self.assertTrue(handle)
        self.assertEqual({"message-0", "message-1"}, {m["Body"] for m in self.collect(source, 2, timeout=10)})
        task = self.wait_for_status(dlq)
        self.assertEqual("COMPLETED", task["Status"])
        self.assertEqual(2, task["ApproximateNumberOfMessagesMoved"])
        self.assertEqual(2, task["ApproximateNumberOfMessagesToMove"])
        self.assertEqual(arn_of(dlq), task["SourceArn"])
        self.assertNotIn("DestinationArn", task)
        self.assertNotIn("TaskHandle", task)
        self.assertNotIn("FailureReason", task)
        self.assertLess(abs(task["StartedTimestamp"] - time.time() * 1000), 60_000)
        self.assertEqual((0, 0, 0), self.counts(dlq))

    def test_move_to_explicit_destination(self):
        _, dlq = self.fill_dlq(2)
        destination = self.create_queue(prefix="dest")
        self.sqs.start_message_move_task(SourceArn=arn_of(dlq), DestinationArn=arn_of(destination))
        self.assertEqual({"message-0", "message-1"}, {m["Body"] for m in self.collect(destination, 2, timeout=10)})
        task = self.wait_for_status(dlq)
        self.assertEqual("COMPLETED", task["Status"])
        self.assertEqual(arn_of(destination), task["DestinationArn"])
        self.assertEqual(2, task["ApproximateNumberOfMessagesMoved"])

    def test_rate_limited_move(self):
        _, dlq = self.fill_dlq(3)
        destination = self.create_queue(prefix="dest")
        started = time.monotonic()
        self.sqs.start_message_move_task(SourceArn=arn_of(dlq), DestinationArn=arn_of(destination), MaxNumberOfMessagesPerSecond=1)
        running = self.latest_task(dlq)
        self.assertEqual(1, running["MaxNumberOfMessagesPerSecond"])
        self.assertEqual(3, len(self.collect(destination, 3, timeout=10)))
        self.assertGreaterEqual(time.monotonic() - started, 1.8)
        self.assertEqual(1, self.wait_for_status(dlq)["MaxNumberOfMessagesPerSecond"])

    def test_cancel_move_task(self):
        _, dlq = self.fill_dlq(6)
        destination = self.create_queue(prefix="dest")
        handle = self.sqs.start_message_move_task(SourceArn=arn_of(dlq), DestinationArn=arn_of(destination),
                                                   MaxNumberOfMessagesPerSecond=1)["TaskHandle"]
        self.assertEqual(1, len(self.collect(destination, 1, timeout=5)))
        running = self.latest_task(dlq)
        self.assertEqual("RUNNING", running["Status"])
        self.assertEqual(handle, running["TaskHandle"])
        self.assertEqual(6, running["ApproximateNumberOfMessagesToMove"])
        self.assertEqual(arn_of(destination), running["DestinationArn"])
        cancelled = self.sqs.cancel_message_move_task(TaskHandle=handle)
        self.assertIsInstance(cancelled["ApproximateNumberOfMessagesMoved"], int)
        task = self.wait_for_status(dlq, done=lambda s: s == "CANCELLED")
        self.assertNotIn("TaskHandle", task)
        self.assertLess(task["ApproximateNumberOfMessagesMoved"], 6)
        self.assertGreater(self.counts(dlq)[0], 0)

    def test_only_one_running_task_per_source(self):
        _, dlq = self.fill_dlq(5)
        destination = self.create_queue(prefix="dest")
        handle = self.sqs.start_message_move_task(SourceArn=arn_of(dlq), DestinationArn=arn_of(destination),
                                                   MaxNumberOfMessagesPerSecond=1)["TaskHandle"]
        try:
            self.assert_error(
                "InvalidParameterValue", self.sqs.start_message_move_task, SourceArn=arn_of(dlq), DestinationArn=arn_of(destination),
                message="There is already a task running. Only one active task is allowed for a source queue arn at a given time.")
        finally:
            self.sqs.cancel_message_move_task(TaskHandle=handle)

    def test_task_fails_when_destination_is_deleted(self):
        _, dlq = self.fill_dlq(5)
        destination = self.create_queue(prefix="dest", cleanup=False)
        self.sqs.start_message_move_task(SourceArn=arn_of(dlq), DestinationArn=arn_of(destination), MaxNumberOfMessagesPerSecond=1)
        self.sqs.delete_queue(QueueUrl=destination)
        task = self.wait_for_status(dlq, timeout=10)
        self.assertEqual("FAILED", task["Status"])
        self.assertEqual("AWS.SimpleQueueService.NonExistentQueue", task["FailureReason"])
        self.assertEqual(arn_of(destination), task["DestinationArn"])
        self.assertGreater(self.counts(dlq)[0], 0)

    def test_list_message_move_tasks_most_recent_first(self):
        _, dlq = self.fill_dlq(1)
        destination = self.create_queue(prefix="dest")
        self.sqs.start_message_move_task(SourceArn=arn_of(dlq), DestinationArn=arn_of(destination))
        self.wait_for_status(dlq)
        self.sqs.send_message(QueueUrl=dlq, MessageBody="again")
        self.sqs.send_message(QueueUrl=dlq, MessageBody="again2")
        self.sqs.start_message_move_task(SourceArn=arn_of(dlq), DestinationArn=arn_of(destination))
        self.wait_for_status(dlq)
        self.assertEqual(1, len(self.sqs.list_message_move_tasks(SourceArn=arn_of(dlq))["Results"]))
        results = self.sqs.list_message_move_tasks(SourceArn=arn_of(dlq), MaxResults=10)["Results"]
        self.assertEqual([2, 1], [r["ApproximateNumberOfMessagesMoved"] for r in results])
        self.assertTrue(all(r["Status"] == "COMPLETED" for r in results))

    def test_list_message_move_tasks_max_results_range(self):
        dlq = self.create_queue()
        self.assert_error("InvalidParameterValue", self.sqs.list_message_move_tasks, SourceArn=arn_of(dlq), MaxResults=11)

    def test_source_must_be_a_dead_letter_queue(self):
        source = self.create_queue()
        destination = self.create_queue()
        self.assert_error("InvalidParameterValue", self.sqs.start_message_move_task, SourceArn=arn_of(source),
                          DestinationArn=arn_of(destination), message="Source queue must be configured as a Dead Letter Queue.")

    def test_destination_must_exist(self):
        _, dlq = self.create_dlq_pair()
        self.assert_error("ResourceNotFoundException", self.sqs.start_message_move_task, SourceArn=arn_of(dlq),
                          DestinationArn=arn_of(unique("missing")), status=404,
                          message="The resource that you specified for the DestinationArn parameter doesn't exist.")

    def test_source_must_exist(self):
        self.assert_error("ResourceNotFoundException", self.sqs.start_message_move_task,
                          SourceArn=arn_of(unique("missing")), status=404)

    def test_cancel_with_invalid_task_handle(self):
        self.assert_error("InvalidParameterValue", self.sqs.cancel_message_move_task, TaskHandle="foobared",
                          message="Value for parameter TaskHandle is invalid.")

    def test_rate_out_of_range(self):
        _, dlq = self.create_dlq_pair()
        self.assert_error("InvalidParameterValue", self.sqs.start_message_move_task, SourceArn=arn_of(dlq),
                          MaxNumberOfMessagesPerSecond=501)
