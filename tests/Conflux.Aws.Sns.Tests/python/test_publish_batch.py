"""PublishBatch through boto3: ten entries delivered with their own ids, subjects and attributes, and the
request-level errors AWS answers (entry count, ids, size, invalid entries)."""
import json

from botocore.exceptions import ClientError

from conflux import unique
from sns_support import UUID, SnsTestCase, topic_arn_of


class PublishBatchTests(SnsTestCase):
    def test_ten_entries(self):
        topic = self.create_topic()
        subscription, queue = self.subscribe_queue(topic)
        entries = []
        for i in range(10):
            entry = {"Id": f"entry-{i}", "Message": f"message {i}"}
            if i % 2:
                entry["Subject"] = f"subject {i}"
            if i % 3 == 0:
                entry["MessageAttributes"] = {"index": {"DataType": "Number", "StringValue": str(i)}}
            entries.append(entry)
        response = self.sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=entries)
        self.assertEqual([], response["Failed"])
        self.assertEqual([e["Id"] for e in entries], [s["Id"] for s in response["Successful"]])
        for result in response["Successful"]:
            self.assertRegex(result["MessageId"], UUID)
            self.assertNotIn("SequenceNumber", result)
        message_ids = {s["Id"]: s["MessageId"] for s in response["Successful"]}
        self.assertEqual(10, len(set(message_ids.values())))

        received = {json.loads(m["Body"])["MessageId"]: m["Body"] for m in self.collect(queue, 10)}
        self.assertEqual(set(message_ids.values()), set(received))
        for i, entry in enumerate(entries):
            attributes = {"index": ("Number", str(i))} if "MessageAttributes" in entry else None
            self.assert_notification(received[message_ids[entry["Id"]]], message_id=message_ids[entry["Id"]],
                                     topic_arn=topic, subscription_arn=subscription, message=entry["Message"],
                                     subject=entry.get("Subject"), attributes=attributes)

    def test_raw_delivery_of_a_batch(self):
        topic = self.create_topic()
        _, queue = self.subscribe_queue(topic, raw=True)
        self.sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=[
            {"Id": "1", "Message": "with attribute", "MessageAttributes": {"attr1": {"DataType": "Number", "StringValue": "19.12"}}},
            {"Id": "2", "Message": "without attribute"},
        ])
        messages = {m["Body"]: m for m in self.collect(queue, 2, MessageAttributeNames=["All"])}
        self.assertEqual({"with attribute", "without attribute"}, set(messages))
        self.assertEqual({"attr1": {"DataType": "Number", "StringValue": "19.12"}}, messages["with attribute"]["MessageAttributes"])
        self.assertNotIn("MessageAttributes", messages["without attribute"])

    def test_entry_count_and_id_errors(self):
        topic = self.create_topic()
        self.assert_error("TooManyEntriesInBatchRequest", self.sns.publish_batch, TopicArn=topic,
                          PublishBatchRequestEntries=[{"Id": f"Id_{i}", "Message": "Too many messages"} for i in range(11)],
                          message="The batch request contains more entries than permissible.")
        self.assert_error("BatchEntryIdsNotDistinct", self.sns.publish_batch, TopicArn=topic,
                          PublishBatchRequestEntries=[{"Id": "1", "Message": "same id"}, {"Id": "1", "Message": "same id"}],
                          message="Two or more batch entries in the request have the same Id.")
        self.assert_error("EmptyBatchRequest", self.sns.publish_batch, TopicArn=topic, PublishBatchRequestEntries=[])

    def test_entry_id_rules(self):
        topic = self.create_topic()
        for bad, reason in [("message.id", "contains an impermissible character"),
                            ("msg@123#test", "contains an impermissible character"),
                            ("a" * 81, "is too long")]:
            with self.subTest(id=bad):
                self.assert_error("InvalidBatchEntryId", self.sns.publish_batch, TopicArn=topic,
                                  PublishBatchRequestEntries=[{"Id": bad, "Message": "test message"}],
                                  message=f"The Id of a batch entry in the batch request {reason}: {bad}")
        response = self.sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=[
            {"Id": "a" * 80, "Message": "test message"}, {"Id": "valid-message_123", "Message": "test message"}])
        self.assertEqual(["a" * 80, "valid-message_123"], [s["Id"] for s in response["Successful"]])

    def test_batch_request_too_long(self):
        topic = self.create_topic()
        limit = 262144
        too_long = "The length of all the messages put together is more than the limit."
        self.assert_error("BatchRequestTooLong", self.sns.publish_batch, TopicArn=topic, PublishBatchRequestEntries=[
            {"Id": "1", "Message": "a" * (limit // 2)}, {"Id": "2", "Message": "b" * (1 + limit // 2)}], message=too_long)
        # Attributes count: name + data type + value.
        attributes = {"attr1": {"DataType": "Number", "StringValue": "1"}}
        body = "a" * (limit - len("attr1") - len("Number") - len("1"))
        self.assert_error("BatchRequestTooLong", self.sns.publish_batch, TopicArn=topic, PublishBatchRequestEntries=[
            {"Id": "1", "Message": body, "MessageAttributes": attributes}, {"Id": "2", "Message": "b"}], message=too_long)
        response = self.sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=[
            {"Id": "1", "Message": body[:-1], "MessageAttributes": attributes}, {"Id": "2", "Message": "b"}])
        self.assertEqual(2, len(response["Successful"]))

    def test_batch_to_a_missing_topic(self):
        self.assert_error("NotFound", self.sns.publish_batch, TopicArn=topic_arn_of(unique("missing")), status=404,
                          PublishBatchRequestEntries=[{"Id": "1", "Message": "m"}], message="Topic does not exist")

    def test_an_invalid_entry_fails_the_whole_request(self):
        # AWS validates every entry before publishing any: an invalid attribute or MessageStructure in one entry
        # fails the request and the valid entries are not published either.
        topic = self.create_topic()
        _, queue = self.subscribe_queue(topic, raw=True)
        self.assert_error("ParameterValueInvalid", self.sns.publish_batch, TopicArn=topic, PublishBatchRequestEntries=[
            {"Id": "1", "Message": "test-batch", "MessageAttributes": {"attr1": {"DataType": "String", "StringValue": ""}}},
            {"Id": "3", "Message": "valid-batch"}],
            message="The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'String'.")
        self.assert_invalid_parameter(self.sns.publish_batch, TopicArn=topic, PublishBatchRequestEntries=[
            {"Id": "1", "Message": json.dumps({"sqs": "test sqs"}), "MessageStructure": "json"},
            {"Id": "2", "Message": "valid"}],
            message="Invalid parameter: Message Structure - No default entry in JSON message body")
        self.sns.publish(TopicArn=topic, Message="marker")
        self.assertEqual(["marker"], [m["Body"] for m in self.collect(queue, 1) + self.collect(queue, 1, timeout=0.5)])

    def test_failed_list_shape(self):
        # Whatever fails per entry must come back as Id/Code/Message/SenderFault and leave the other entries alone.
        topic = self.create_topic()
        try:
            response = self.sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=[
                {"Id": "ok", "Message": "fine"}, {"Id": "empty", "Message": ""}])
        except ClientError as error:
            # AWS may refuse the whole request instead; then it is an InvalidParameter from the Sender.
            self.assertEqual(("InvalidParameter", "Sender"), (error.response["Error"]["Code"], error.response["Error"]["Type"]))
            return
        self.assertEqual(["ok"], [s["Id"] for s in response["Successful"]])
        self.assertEqual(1, len(response["Failed"]))
        failed = response["Failed"][0]
        self.assertEqual({"Id", "Code", "Message", "SenderFault"}, set(failed))
        self.assertEqual(("empty", "InvalidParameter", True), (failed["Id"], failed["Code"], failed["SenderFault"]))
