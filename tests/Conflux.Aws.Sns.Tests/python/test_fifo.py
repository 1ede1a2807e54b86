"""FIFO topics: delivery to FIFO (and standard) queues, MessageGroupId rules, deduplication by id and by content,
order within a group, sequence numbers, and the subscription rules between standard and FIFO."""
import hashlib
import json
import re

from conflux import unique
from sns_support import SnsTestCase

SEQUENCE = re.compile(r"^\d+$")


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class FifoDeliveryTests(SnsTestCase):
    def test_fifo_topic_to_fifo_queue(self):
        topic = self.create_topic(fifo=True)
        subscription, queue = self.subscribe_queue(topic)
        published = self.sns.publish(TopicArn=topic, Message="Test", MessageGroupId="message-group-id-1",
                                     MessageDeduplicationId="message-deduplication-id-1",
                                     MessageAttributes={"attr": {"DataType": "String", "StringValue": "v"}})
        self.assertRegex(published["SequenceNumber"], SEQUENCE)
        message = self.receive_one(queue, AttributeNames=["All"])
        self.assertEqual("message-group-id-1", message["Attributes"]["MessageGroupId"])
        self.assertEqual("message-deduplication-id-1", message["Attributes"]["MessageDeduplicationId"])
        self.assert_notification(message["Body"], message_id=published["MessageId"], topic_arn=topic,
                                 subscription_arn=subscription, message="Test", fifo=True,
                                 sequence_number=published["SequenceNumber"], attributes={"attr": ("String", "v")})

    def test_content_based_deduplication(self):
        topic = self.create_topic(fifo=True, attributes={"ContentBasedDeduplication": "true"})
        _, queue = self.subscribe_queue(topic, raw=True)
        first = self.sns.publish(TopicArn=topic, Message="Test", MessageGroupId="g")
        again = self.sns.publish(TopicArn=topic, Message="Test", MessageGroupId="g")
        # A duplicate is accepted and answered with the original's MessageId and SequenceNumber.
        self.assertEqual((first["MessageId"], first["SequenceNumber"]), (again["MessageId"], again["SequenceNumber"]))
        self.sns.publish(TopicArn=topic, Message="Other", MessageGroupId="g")
        messages = self.collect(queue, 2, timeout=5, AttributeNames=["All"]) + self.collect(queue, 1, timeout=0.5)
        self.assertEqual(["Test", "Other"], [m["Body"] for m in messages])
        self.assertEqual(sha256("Test"), messages[0]["Attributes"]["MessageDeduplicationId"])

    def test_deduplication_by_id(self):
        topic = self.create_topic(fifo=True)
        _, queue = self.subscribe_queue(topic, raw=True)
        first = self.sns.publish(TopicArn=topic, Message="a", MessageGroupId="g", MessageDeduplicationId="x")
        duplicate = self.sns.publish(TopicArn=topic, Message="b", MessageGroupId="g", MessageDeduplicationId="x")
        self.assertEqual(first["MessageId"], duplicate["MessageId"])
        self.sns.publish(TopicArn=topic, Message="c", MessageGroupId="g", MessageDeduplicationId="y")
        # An explicit id wins over content-based deduplication.
        self.sns.set_topic_attributes(TopicArn=topic, AttributeName="ContentBasedDeduplication", AttributeValue="true")
        self.sns.publish(TopicArn=topic, Message="c", MessageGroupId="g", MessageDeduplicationId="z")
        messages = self.collect(queue, 3, timeout=5) + self.collect(queue, 1, timeout=0.5)
        self.assertEqual(["a", "c", "c"], [m["Body"] for m in messages])

    def test_order_within_groups_and_sequence_numbers(self):
        topic = self.create_topic(fifo=True, attributes={"ContentBasedDeduplication": "true"})
        _, queue = self.subscribe_queue(topic, raw=True)
        sequence_numbers = []
        sent = {"A": [], "B": []}
        for i in range(50):
            group = "A" if i % 3 else "B"
            body = f"{group}-{i:02d}"
            sent[group].append(body)
            sequence_numbers.append(int(self.sns.publish(TopicArn=topic, Message=body, MessageGroupId=group)["SequenceNumber"]))
        self.assertEqual(sorted(sequence_numbers), sequence_numbers)
        self.assertEqual(50, len(set(sequence_numbers)))
        received = self.collect(queue, 50, timeout=15, AttributeNames=["MessageGroupId"])
        self.assertEqual(50, len(received))
        for group in sent:
            self.assertEqual(sent[group], [m["Body"] for m in received if m["Attributes"]["MessageGroupId"] == group])

    def test_fifo_topic_to_standard_queue(self):
        topic = self.create_topic(fifo=True, attributes={"ContentBasedDeduplication": "true"})
        subscription, queue = self.subscribe_queue(topic, fifo=False)
        published = self.sns.publish(TopicArn=topic, Message="Test", MessageGroupId="g")
        message = self.receive_one(queue, AttributeNames=["All"])
        self.assertNotIn("MessageGroupId", message["Attributes"])
        self.assert_notification(message["Body"], message_id=published["MessageId"], topic_arn=topic,
                                 subscription_arn=subscription, message="Test", fifo=True,
                                 sequence_number=published["SequenceNumber"])

    def test_publish_batch_to_fifo_topic(self):
        topic = self.create_topic(fifo=True, attributes={"ContentBasedDeduplication": "true"})
        _, queue = self.subscribe_queue(topic, raw=True)
        entries = [{"Id": str(i), "Message": f"batch-{i}", "MessageGroupId": "complexMessageGroupId"} for i in range(1, 4)]
        response = self.sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=entries)
        self.assertEqual([], response["Failed"])
        self.assertEqual(["1", "2", "3"], [e["Id"] for e in response["Successful"]])
        numbers = [int(e["SequenceNumber"]) for e in response["Successful"]]
        self.assertEqual(sorted(numbers), numbers)
        again = self.sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=entries)
        self.assertEqual([(e["Id"], e["MessageId"], e["SequenceNumber"]) for e in response["Successful"]],
                         [(e["Id"], e["MessageId"], e["SequenceNumber"]) for e in again["Successful"]])
        messages = self.collect(queue, 3, timeout=5, AttributeNames=["All"]) + self.collect(queue, 1, timeout=0.5)
        self.assertEqual(["batch-1", "batch-2", "batch-3"], [m["Body"] for m in messages])
        self.assertEqual(sha256("batch-1"), messages[0]["Attributes"]["MessageDeduplicationId"])


class FifoValidationTests(SnsTestCase):
    def test_message_group_and_deduplication_rules(self):
        fifo = self.create_topic(fifo=True)
        standard = self.create_topic()
        self.assert_invalid_parameter(self.sns.publish, TopicArn=fifo, Message="test",
                                      message="Invalid parameter: The MessageGroupId parameter is required for FIFO topics")
        self.assert_invalid_parameter(self.sns.publish, TopicArn=fifo, Message="test", MessageGroupId=unique("g"),
                                      message="Invalid parameter: The topic should either have ContentBasedDeduplication "
                                              "enabled or MessageDeduplicationId provided explicitly")
        self.assert_invalid_parameter(self.sns.publish, TopicArn=standard, Message="test", MessageDeduplicationId=unique("d"),
                                      message="Invalid parameter: MessageDeduplicationId Reason: The request includes "
                                              "MessageDeduplicationId parameter that is not valid for this topic type")
        self.assert_invalid_parameter(self.sns.publish_batch, TopicArn=fifo,
                                      PublishBatchRequestEntries=[{"Id": "1", "Message": "no group"}],
                                      message="Invalid parameter: The MessageGroupId parameter is required for FIFO topics")
        self.assert_invalid_parameter(self.sns.publish_batch, TopicArn=fifo,
                                      PublishBatchRequestEntries=[{"Id": "1", "Message": "m", "MessageGroupId": "g"}],
                                      message="Invalid parameter: The topic should either have ContentBasedDeduplication "
                                              "enabled or MessageDeduplicationId provided explicitly")

    def test_standard_topic_rejects_a_fifo_queue(self):
        topic = self.create_topic()
        queue = self.create_queue(fifo=True)
        self.assert_invalid_parameter(self.sns.subscribe, TopicArn=topic, Protocol="sqs", Endpoint=self.queue_arn(queue),
                                      message="Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can "
                                              "not be subscribed to standard SNS topics")
        self.assertEqual([], self.list_all_subscriptions(topic))

    def test_fifo_subscription_needs_a_fifo_dead_letter_queue(self):
        topic = self.create_topic(fifo=True)
        subscription, _ = self.subscribe_queue(topic)
        standard_dlq = self.queue_arn(self.create_queue(prefix="dlq"))
        self.assert_invalid_parameter(self.sns.set_subscription_attributes, SubscriptionArn=subscription,
                                      AttributeName="RedrivePolicy", AttributeValue=json.dumps({"deadLetterTargetArn": standard_dlq}),
                                      message="Invalid parameter: RedrivePolicy: must use a FIFO queue as DLQ for a FIFO "
                                              "Subscription to a FIFO Topic.")
        fifo_dlq = self.queue_arn(self.create_queue(prefix="dlq", fifo=True))
        self.sns.set_subscription_attributes(SubscriptionArn=subscription, AttributeName="RedrivePolicy",
                                             AttributeValue=json.dumps({"deadLetterTargetArn": fifo_dlq}))
