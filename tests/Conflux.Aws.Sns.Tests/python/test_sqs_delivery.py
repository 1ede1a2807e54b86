"""Topic → SQS queue subscriptions through boto3: the JSON envelope field by field (with its signature), raw
delivery, MessageStructure=json, filter policies end to end, subscription attributes, listing, idempotent
subscribe and unsubscribe."""
import base64
import json
import time

from conflux import ACCOUNT, unique
from sns_support import UUID, SnsTestCase, certificate, http_request, queue_arn_of, topic_arn_of, wait_until

ALL_TYPES = {
    "number": {"DataType": "Number", "StringValue": "99.12"},
    "text": {"DataType": "String", "StringValue": "hello"},
    "binary": {"DataType": "Binary", "BinaryValue": b"\x02\x03\x04"},
    "list": {"DataType": "String.Array", "StringValue": '["a", 1, true, null]'},
}
ALL_TYPES_IN_ENVELOPE = {
    "number": ("Number", "99.12"),
    "text": ("String", "hello"),
    "binary": ("Binary", "AgME"),
    "list": ("String.Array", '["a", 1, true, null]'),
}
SQS_SUBSCRIPTION_ATTRIBUTES = {"ConfirmationWasAuthenticated", "Endpoint", "Owner", "PendingConfirmation", "Protocol",
                               "RawMessageDelivery", "SubscriptionArn", "SubscriptionPrincipal", "TopicArn"}


class EnvelopeTests(SnsTestCase):
    def test_notification_envelope(self):
        topic = self.create_topic()
        subscription, queue = self.subscribe_queue(topic)
        published = self.sns.publish(TopicArn=topic, Message="This is a test message", Subject="Greetings",
                                     MessageAttributes=ALL_TYPES)
        self.assertRegex(published["MessageId"], UUID)
        self.assertNotIn("SequenceNumber", published)
        message, _ = self.receive_envelope(queue)
        self.assert_notification(message["Body"], message_id=published["MessageId"], topic_arn=topic,
                                 subscription_arn=subscription, message="This is a test message", subject="Greetings",
                                 attributes=ALL_TYPES_IN_ENVELOPE)
        # The envelope is the body; SNS sets no SQS message attributes of its own.
        self.assertNotIn("MessageAttributes", message)

    def test_envelope_without_subject_and_attributes(self):
        topic = self.create_topic()
        subscription, queue = self.subscribe_queue(topic)
        published = self.sns.publish(TopicArn=topic, Message="plain")
        message, envelope = self.receive_envelope(queue)
        self.assertNotIn("Subject", envelope)
        self.assertNotIn("MessageAttributes", envelope)
        self.assert_notification(message["Body"], message_id=published["MessageId"], topic_arn=topic,
                                 subscription_arn=subscription, message="plain")

    def test_unicode_and_special_characters(self):
        topic = self.create_topic()
        subscription, queue = self.subscribe_queue(topic)
        text = 'öß§a1"_!?,. £$-\\ \n\t<tag attr="x">&amp;</tag> ✓ 😀 \u2028 {"json": [1]}'
        # A Subject is printable ASCII; the Message may be any Unicode.
        subject = "Re: [#1] 100% \"done\" & <ok>?"
        published = self.sns.publish(TopicArn=topic, Message=text, Subject=subject)
        message, _ = self.receive_envelope(queue)
        self.assert_notification(message["Body"], message_id=published["MessageId"], topic_arn=topic,
                                 subscription_arn=subscription, message=text, subject=subject)
        self.assert_invalid_parameter(self.sns.publish, TopicArn=topic, Message=text, Subject="Ünïcödé",
                                      message="Invalid parameter: Subject")

    def test_signature_version_2(self):
        topic = self.create_topic(attributes={"SignatureVersion": "2"})
        subscription, queue = self.subscribe_queue(topic)
        published = self.sns.publish(TopicArn=topic, Message="signed with SHA256", Subject="v2")
        message, _ = self.receive_envelope(queue)
        self.assert_notification(message["Body"], message_id=published["MessageId"], topic_arn=topic,
                                 subscription_arn=subscription, message="signed with SHA256", subject="v2",
                                 signature_version="2")

    def test_signing_certificate_is_served(self):
        topic = self.create_topic()
        _, queue = self.subscribe_queue(topic)
        self.sns.publish(TopicArn=topic, Message="cert")
        _, envelope = self.receive_envelope(queue)
        status, headers, body = http_request("GET", envelope["SigningCertURL"])
        self.assertEqual(200, status)
        self.assertTrue(body.startswith(b"-----BEGIN CERTIFICATE-----"), body[:40])
        cert = certificate(envelope["SigningCertURL"])
        self.assertGreaterEqual(cert.public_key().key_size, 2048)

    def test_every_subscribed_queue_gets_the_message(self):
        topic = self.create_topic()
        subscriptions = [self.subscribe_queue(topic) for _ in range(3)]
        published = self.sns.publish(TopicArn=topic, Message="fan-out")
        for subscription, queue in subscriptions:
            message, envelope = self.receive_envelope(queue)
            self.assertEqual((published["MessageId"], "fan-out"), (envelope["MessageId"], envelope["Message"]))
            self.assertTrue(envelope["UnsubscribeURL"].endswith(f"SubscriptionArn={subscription}"))

    def test_message_ids_are_unique(self):
        topic = self.create_topic()
        _, queue = self.subscribe_queue(topic)
        ids = [self.sns.publish(TopicArn=topic, Message=f"m{i}")["MessageId"] for i in range(5)]
        self.assertEqual(5, len(set(ids)))
        received = {json.loads(m["Body"])["MessageId"] for m in self.collect(queue, 5)}
        self.assertEqual(set(ids), received)

    def test_message_group_id_on_a_standard_topic_reaches_a_standard_queue(self):
        topic = self.create_topic()
        subscription, queue = self.subscribe_queue(topic)
        published = self.sns.publish(TopicArn=topic, Message="grouped", MessageGroupId="my-group-id-1")
        self.assertNotIn("SequenceNumber", published)
        message = self.receive_one(queue, AttributeNames=["All"])
        self.assertEqual("my-group-id-1", message["Attributes"].get("MessageGroupId"), message["Attributes"])
        self.assert_notification(message["Body"], message_id=published["MessageId"], topic_arn=topic,
                                 subscription_arn=subscription, message="grouped")

    def test_publish_with_more_than_10_attributes_is_delivered_in_the_envelope(self):
        # AWS: more than 10 attributes reach subscriptions without raw delivery; raw-delivery SQS subscriptions
        # discard such messages (https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html).
        topic = self.create_topic()
        _, queue = self.subscribe_queue(topic)
        _, raw_queue = self.subscribe_queue(topic, raw=True)
        attributes = {f"a{i:02d}": {"DataType": "String", "StringValue": str(i)} for i in range(12)}
        self.sns.publish(TopicArn=topic, Message="many attributes", MessageAttributes=attributes)
        _, envelope = self.receive_envelope(queue)
        self.assertEqual({n: {"Type": "String", "Value": v["StringValue"]} for n, v in attributes.items()},
                         envelope["MessageAttributes"])
        self.sns.publish(TopicArn=topic, Message="few attributes", MessageAttributes={"a": {"DataType": "String", "StringValue": "1"}})
        bodies = [m["Body"] for m in self.collect(raw_queue, 1, timeout=5) + self.collect(raw_queue, 1, timeout=0.6)]
        self.assertEqual(["few attributes"], bodies)


class RawDeliveryTests(SnsTestCase):
    def test_raw_body_and_message_attributes(self):
        topic = self.create_topic()
        _, queue = self.subscribe_queue(topic, raw=True)
        self.sns.publish(TopicArn=topic, Message="raw body", Subject="ignored", MessageAttributes=ALL_TYPES)
        message = self.receive_one(queue, MessageAttributeNames=["All"])
        self.assertEqual("raw body", message["Body"])
        self.assertEqual(ALL_TYPES, message["MessageAttributes"])

    def test_raw_delivery_of_custom_data_types(self):
        topic = self.create_topic()
        _, queue = self.subscribe_queue(topic, raw=True)
        attributes = {
            "price": {"DataType": "Number.float", "StringValue": "-1.5e3"},
            "label": {"DataType": "String.custom", "StringValue": "x"},
            "blob": {"DataType": "Binary.gzip", "BinaryValue": bytes(range(256))},
        }
        self.sns.publish(TopicArn=topic, Message="custom types", MessageAttributes=attributes)
        message = self.receive_one(queue, MessageAttributeNames=["All"])
        self.assertEqual(attributes, message["MessageAttributes"])

    def test_raw_delivery_follows_the_subscription_attribute(self):
        topic = self.create_topic()
        subscription, queue = self.subscribe_queue(topic)
        self.sns.set_subscription_attributes(SubscriptionArn=subscription, AttributeName="RawMessageDelivery", AttributeValue="true")
        self.assertEqual("true", self.subscription_attributes(subscription)["RawMessageDelivery"])
        self.sns.publish(TopicArn=topic, Message="now raw")
        self.assertEqual("now raw", self.receive_one(queue)["Body"])
        self.sns.set_subscription_attributes(SubscriptionArn=subscription, AttributeName="RawMessageDelivery", AttributeValue="false")
        self.sns.publish(TopicArn=topic, Message="enveloped again")
        _, envelope = self.receive_envelope(queue)
        self.assertEqual("enveloped again", envelope["Message"])


class MessageStructureTests(SnsTestCase):
    def test_json_structure_uses_the_sqs_key_or_default(self):
        topic = self.create_topic()
        subscription, queue = self.subscribe_queue(topic)
        published = self.sns.publish(TopicArn=topic, MessageStructure="json",
                                     Message=json.dumps({"default": "default field", "sqs": json.dumps({"field": "value"}),
                                                         "http": "for http"}))
        message, envelope = self.receive_envelope(queue)
        self.assert_notification(message["Body"], message_id=published["MessageId"], topic_arn=topic,
                                 subscription_arn=subscription, message='{"field": "value"}')
        self.sns.publish(TopicArn=topic, MessageStructure="json", Message=json.dumps({"default": "default field", "email": "e"}))
        _, envelope = self.receive_envelope(queue)
        self.assertEqual("default field", envelope["Message"])

    def test_json_structure_with_raw_delivery(self):
        topic = self.create_topic()
        _, queue = self.subscribe_queue(topic, raw=True)
        self.sns.publish(TopicArn=topic, MessageStructure="json", Message=json.dumps({"default": "d", "sqs": "for sqs"}))
        self.assertEqual("for sqs", self.receive_one(queue)["Body"])

    def test_json_structure_errors(self):
        topic = self.create_topic()
        no_default = "Invalid parameter: Message Structure - No default entry in JSON message body"
        self.assert_invalid_parameter(self.sns.publish, TopicArn=topic, MessageStructure="json",
                                      Message=json.dumps({"sqs": "Test message"}), message=no_default)
        self.assert_invalid_parameter(self.sns.publish, TopicArn=topic, MessageStructure="json",
                                      Message='{"default": "This is a default message"} }',
                                      message="Invalid parameter: Message Structure - JSON message body failed to parse")
        self.assert_invalid_parameter(self.sns.publish, TopicArn=topic, MessageStructure="json",
                                      Message=json.dumps({"default": {"object": "test"}}), message=no_default)
        # Duplicate keys are accepted (AWS does, whatever its documentation says).
        self.sns.publish(TopicArn=topic, MessageStructure="json", Message='{"default": "a", "default": "b"}')


class FilterPolicyTests(SnsTestCase):
    def publish_all(self, topic, messages):
        """Publishes (body, attributes) pairs in order."""
        for body, attributes in messages:
            kwargs = {"MessageAttributes": attributes} if attributes else {}
            self.sns.publish(TopicArn=topic, Message=body, **kwargs)

    def delivered(self, queue, expected, raw=True):
        """Collects `expected` messages plus anything else that arrives within a short grace period."""
        messages = self.collect(queue, expected, timeout=5)
        messages += self.collect(queue, 1, timeout=0.6)
        return sorted(m["Body"] if raw else json.loads(m["Body"])["Message"] for m in messages)

    @staticmethod
    def s(value):
        return {"DataType": "String", "StringValue": value}

    @staticmethod
    def n(value):
        return {"DataType": "Number", "StringValue": str(value)}

    def test_attribute_filter_policy(self):
        topic = self.create_topic()
        policy = {"color": ["red", {"prefix": "bl"}], "size": [{"numeric": [">", 10, "<=", 100]}]}
        _, queue = self.subscribe_queue(topic, raw=True, attributes={"FilterPolicy": json.dumps(policy)})
        self.publish_all(topic, [
            ("green-20", {"color": self.s("green"), "size": self.n(20)}),
            ("red-20", {"color": self.s("red"), "size": self.n(20)}),
            ("no-attributes", None),
            ("blue-11", {"color": self.s("blue"), "size": self.n(11)}),
            ("red-5", {"color": self.s("red"), "size": self.n(5)}),
            ("red-only", {"color": self.s("red")}),
            ("black-100", {"color": self.s("black"), "size": self.n(100)}),
        ])
        self.assertEqual(["black-100", "blue-11", "red-20"], self.delivered(queue, 3))

    def test_exists_and_anything_but(self):
        topic = self.create_topic()
        policy = {"store": [{"exists": False}], "kind": [{"anything-but": ["test", "staging"]}]}
        _, queue = self.subscribe_queue(topic, raw=True, attributes={"FilterPolicy": json.dumps(policy)})
        self.publish_all(topic, [
            ("prod", {"kind": self.s("prod")}),
            ("test", {"kind": self.s("test")}),
            ("prod-with-store", {"kind": self.s("prod"), "store": self.s("s1")}),
            ("no-kind", None),
        ])
        self.assertEqual(["prod"], self.delivered(queue, 1))

    def test_string_array_attribute_matches_any_element(self):
        topic = self.create_topic()
        _, queue = self.subscribe_queue(topic, raw=True, attributes={"FilterPolicy": json.dumps({"tags": ["b"]})})
        self.publish_all(topic, [
            ("has-b", {"tags": {"DataType": "String.Array", "StringValue": '["a", "b"]'}}),
            ("no-b", {"tags": {"DataType": "String.Array", "StringValue": '["a", "c"]'}}),
            ("plain-b", {"tags": self.s("b")}),
        ])
        self.assertEqual(["has-b", "plain-b"], self.delivered(queue, 2))

    def test_message_body_filter_policy(self):
        topic = self.create_topic()
        policy = {"order": {"status": ["shipped"], "total": [{"numeric": [">=", 100]}]}}
        subscription, queue = self.subscribe_queue(topic, attributes={"FilterPolicy": json.dumps(policy),
                                                                      "FilterPolicyScope": "MessageBody"})
        bodies = [
            {"order": {"status": "shipped", "total": 150}},
            {"order": {"status": "pending", "total": 150}},
            {"order": {"status": "shipped", "total": 50}},
            {"order": {"status": ["shipped", "other"], "total": 100}},
        ]
        for body in bodies:
            self.sns.publish(TopicArn=topic, Message=json.dumps(body),
                             MessageAttributes={"status": self.s("shipped")})
        self.sns.publish(TopicArn=topic, Message="not json at all")
        delivered = self.delivered(queue, 2, raw=False)
        self.assertEqual(sorted([json.dumps(bodies[0]), json.dumps(bodies[3])]), delivered)
        attributes = self.subscription_attributes(subscription)
        self.assertEqual(("MessageBody", policy), (attributes["FilterPolicyScope"], json.loads(attributes["FilterPolicy"])))

    def test_changing_the_filter_policy_and_its_scope(self):
        topic = self.create_topic()
        subscription, queue = self.subscribe_queue(topic, raw=True)
        self.sns.set_subscription_attributes(SubscriptionArn=subscription, AttributeName="FilterPolicy",
                                             AttributeValue=json.dumps({"kind": ["a"]}))
        attributes = self.subscription_attributes(subscription)
        self.assertEqual(({"kind": ["a"]}, "MessageAttributes"),
                         (json.loads(attributes["FilterPolicy"]), attributes["FilterPolicyScope"]))
        self.publish_all(topic, [("attr-b", {"kind": self.s("b")}), ("attr-a", {"kind": self.s("a")})])
        self.assertEqual(["attr-a"], self.delivered(queue, 1))

        self.sns.set_subscription_attributes(SubscriptionArn=subscription, AttributeName="FilterPolicyScope",
                                             AttributeValue="MessageBody")
        self.publish_all(topic, [(json.dumps({"kind": "b"}), {"kind": self.s("a")}), (json.dumps({"kind": "a"}), None)])
        self.assertEqual([json.dumps({"kind": "a"})], self.delivered(queue, 1))

        self.sns.set_subscription_attributes(SubscriptionArn=subscription, AttributeName="FilterPolicy", AttributeValue="")
        self.assertNotIn("FilterPolicy", self.subscription_attributes(subscription))
        self.publish_all(topic, [("anything", None)])
        self.assertEqual(["anything"], self.delivered(queue, 1))

    def test_invalid_filter_policies_are_rejected(self):
        topic = self.create_topic()
        queue_arn = queue_arn_of(unique("q"))
        self.assert_invalid_parameter(self.sns.subscribe, TopicArn=topic, Protocol="sqs", Endpoint=queue_arn,
                                      Attributes={"FilterPolicy": "invalid"},
                                      message_contains="Invalid parameter: Attributes Reason: FilterPolicy: failed to parse JSON.")
        self.assert_invalid_parameter(self.sns.subscribe, TopicArn=topic, Protocol="sqs", Endpoint=queue_arn,
                                      Attributes={"FilterPolicy": json.dumps({"key": []})},
                                      message_contains="Invalid parameter: Attributes Reason: FilterPolicy: Empty arrays are not allowed")
        subscription, _ = self.subscribe_queue(topic)
        for policy, reason in [
            ("{invalidjson}", "Invalid parameter: FilterPolicy: failed to parse JSON."),
            (json.dumps({"key": [["value"]]}), "Invalid parameter: FilterPolicy: Match value must be String, number, true, false, or null"),
            (json.dumps({"key": [{"wrong-operator": True}]}), "Invalid parameter: FilterPolicy: Unrecognized match type wrong-operator"),
            (json.dumps({"key": [{"suffix": 100}]}), "Invalid parameter: FilterPolicy: suffix match pattern must be a string"),
        ]:
            with self.subTest(policy=policy):
                self.assert_invalid_parameter(self.sns.set_subscription_attributes, SubscriptionArn=subscription,
                                              AttributeName="FilterPolicy", AttributeValue=policy, message_contains=reason)
        self.assert_invalid_parameter(self.sns.set_subscription_attributes, SubscriptionArn=subscription,
                                      AttributeName="FilterPolicyScope", AttributeValue="Everything")
        self.assertNotIn("FilterPolicy", self.subscription_attributes(subscription))


class SubscriptionTests(SnsTestCase):
    def test_sqs_subscription_attributes(self):
        topic = self.create_topic()
        queue = self.create_queue()
        subscription, _ = self.subscribe_queue(topic, queue)
        self.assertEqual(topic + ":", subscription[:len(topic) + 1])
        self.assertRegex(subscription[len(topic) + 1:], UUID)
        attributes = self.subscription_attributes(subscription)
        self.assertEqual(SQS_SUBSCRIPTION_ATTRIBUTES, set(attributes))
        self.assertEqual({
            "ConfirmationWasAuthenticated": "true",
            "Endpoint": self.queue_arn(queue),
            "Owner": ACCOUNT,
            "PendingConfirmation": "false",
            "Protocol": "sqs",
            "RawMessageDelivery": "false",
            "SubscriptionArn": subscription,
            "TopicArn": topic,
        }, {k: v for k, v in attributes.items() if k != "SubscriptionPrincipal"})
        self.assertTrue(attributes["SubscriptionPrincipal"].startswith(f"arn:aws:iam::{ACCOUNT}:"), attributes)

    def test_subscribe_with_attributes(self):
        topic = self.create_topic()
        policy = {"attr1": [{"numeric": [">", 0, "<=", 100]}]}
        subscription, _ = self.subscribe_queue(topic, raw=True, attributes={"FilterPolicy": json.dumps(policy)})
        attributes = self.subscription_attributes(subscription)
        self.assertEqual("true", attributes["RawMessageDelivery"])
        self.assertEqual(policy, json.loads(attributes["FilterPolicy"]))
        self.assertEqual("MessageAttributes", attributes["FilterPolicyScope"])

    def test_subscribe_without_return_subscription_arn(self):
        # An SQS subscription needs no confirmation, so its ARN comes back either way.
        topic = self.create_topic()
        queue_arn = self.allow_topic(self.create_queue(), topic)
        arn = self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)["SubscriptionArn"]
        self.assertTrue(arn.startswith(topic + ":"), arn)
        self.assertEqual(arn, self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn,
                                                 ReturnSubscriptionArn=True)["SubscriptionArn"])

    def test_subscribing_twice_returns_the_same_subscription(self):
        topic = self.create_topic()
        queue_arn = self.allow_topic(self.create_queue(), topic)
        first = self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn,
                                   Attributes={"RawMessageDelivery": "true"})["SubscriptionArn"]
        self.addCleanup(self._quietly, self.sns.unsubscribe, SubscriptionArn=first)
        self.assertEqual(first, self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn,
                                                   Attributes={"RawMessageDelivery": "true"})["SubscriptionArn"])
        self.assertEqual(first, self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)["SubscriptionArn"])
        self.assertEqual(first, self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, Attributes={})["SubscriptionArn"])
        self.assert_invalid_parameter(self.sns.subscribe, TopicArn=topic, Protocol="sqs", Endpoint=queue_arn,
                                      Attributes={"RawMessageDelivery": "false"},
                                      message="Invalid parameter: Attributes Reason: Subscription already exists with different attributes")
        self.assertEqual(1, len(self.list_all_subscriptions(topic)))

    def test_subscribe_errors(self):
        topic = self.create_topic()
        queue = self.create_queue()
        self.assert_error("NotFound", self.sns.subscribe, TopicArn=topic_arn_of(unique("missing")), Protocol="sqs",
                          Endpoint=self.queue_arn(queue), status=404, message="Topic does not exist")
        self.assert_invalid_parameter(self.sns.subscribe, TopicArn=topic, Protocol="sqs", Endpoint=queue,
                                      message="Invalid parameter: SQS endpoint ARN")
        self.assert_invalid_parameter(self.sns.subscribe, TopicArn=topic, Protocol="test-protocol", Endpoint="x@example.com",
                                      message="Invalid parameter: Amazon SNS does not support this protocol string: test-protocol")
        self.assert_invalid_parameter(self.sns.subscribe, TopicArn=topic, Protocol="sqs", Endpoint=self.queue_arn(queue),
                                      Attributes={"RawMessageDelivery": "wrongvalue"},
                                      message="Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [wrongvalue]. Must be true or false.")

    def test_set_subscription_attributes_validation(self):
        topic = self.create_topic()
        subscription, _ = self.subscribe_queue(topic)
        set_attribute = self.sns.set_subscription_attributes
        self.assert_invalid_parameter(set_attribute, SubscriptionArn=subscription, AttributeName="FakeAttribute",
                                      AttributeValue="test-value", message="Invalid parameter: AttributeName")
        self.assert_invalid_parameter(set_attribute, SubscriptionArn=subscription, AttributeName="RawMessageDelivery",
                                      AttributeValue="test-ValUe",
                                      message="Invalid parameter: RawMessageDelivery: Invalid value [test-ValUe]. Must be true or false.")
        self.assert_invalid_parameter(set_attribute, SubscriptionArn=subscription, AttributeName="RawMessageDelivery",
                                      AttributeValue="",
                                      message="Invalid parameter: RawMessageDelivery: Invalid value []. Must be true or false.")
        self.assert_invalid_parameter(set_attribute, SubscriptionArn=subscription, AttributeName="RedrivePolicy",
                                      AttributeValue=json.dumps({"deadLetterTargetArn": "fake-arn"}),
                                      message="Invalid parameter: RedrivePolicy: deadLetterTargetArn is an invalid arn")
        self.assert_invalid_parameter(set_attribute, SubscriptionArn=subscription, AttributeName="RedrivePolicy",
                                      AttributeValue="{invalidjson}",
                                      message_contains="Invalid parameter: RedrivePolicy: failed to parse JSON.")
        self.assertEqual("false", self.subscription_attributes(subscription)["RawMessageDelivery"])

    def test_redrive_policy_is_stored(self):
        topic = self.create_topic()
        subscription, _ = self.subscribe_queue(topic)
        dlq_arn = self.queue_arn(self.create_queue(prefix="dlq"))
        self.sns.set_subscription_attributes(SubscriptionArn=subscription, AttributeName="RedrivePolicy",
                                             AttributeValue=json.dumps({"deadLetterTargetArn": dlq_arn}))
        self.assertEqual({"deadLetterTargetArn": dlq_arn},
                         json.loads(self.subscription_attributes(subscription)["RedrivePolicy"]))

    def test_missing_subscription(self):
        topic = self.create_topic()
        subscription, _ = self.subscribe_queue(topic)
        self.sns.unsubscribe(SubscriptionArn=subscription)
        self.assert_error("NotFound", self.sns.get_subscription_attributes, SubscriptionArn=subscription, status=404,
                          message="Subscription does not exist")
        self.assert_error("NotFound", self.sns.set_subscription_attributes, SubscriptionArn=subscription,
                          AttributeName="RawMessageDelivery", AttributeValue="true", status=404,
                          message="Subscription does not exist")
        # Unsubscribing again is fine.
        self.assertEqual(200, self.sns.unsubscribe(SubscriptionArn=subscription)["ResponseMetadata"]["HTTPStatusCode"])

    def test_unsubscribe_with_a_malformed_arn(self):
        self.assert_invalid_parameter(self.sns.unsubscribe, SubscriptionArn="randomstring",
                                      message_contains="Invalid parameter: SubscriptionArn")
        self.assert_invalid_parameter(self.sns.unsubscribe, SubscriptionArn="arn:aws:sns:us-east-1:random",
                                      message_contains="Invalid parameter: SubscriptionArn")

    def test_unsubscribe_stops_delivery(self):
        topic = self.create_topic()
        subscription, queue = self.subscribe_queue(topic, raw=True)
        _, witness = self.subscribe_queue(topic, raw=True)
        self.sns.publish(TopicArn=topic, Message="before")
        self.assertEqual("before", self.receive_one(queue)["Body"])
        self.assertEqual("before", self.receive_one(witness)["Body"])
        self.sns.unsubscribe(SubscriptionArn=subscription)
        self.sns.publish(TopicArn=topic, Message="after")
        self.assertEqual("after", self.receive_one(witness)["Body"])
        self.assert_empty(queue, wait=1)
        self.assertNotIn(subscription, [s["SubscriptionArn"] for s in self.list_all_subscriptions(topic)])

    def test_list_subscriptions_by_topic_and_account(self):
        topic, other = self.create_topic(), self.create_topic()
        mine = {self.subscribe_queue(topic)[0] for _ in range(3)}
        theirs = self.subscribe_queue(other)[0]
        listed = self.sns.list_subscriptions_by_topic(TopicArn=topic)
        self.assertNotIn("NextToken", listed)
        self.assertEqual(mine, {s["SubscriptionArn"] for s in listed["Subscriptions"]})
        for entry in listed["Subscriptions"]:
            self.assertEqual({"Endpoint", "Owner", "Protocol", "SubscriptionArn", "TopicArn"}, set(entry))
            self.assertEqual((ACCOUNT, "sqs", topic), (entry["Owner"], entry["Protocol"], entry["TopicArn"]))
            self.assertEqual(self.subscription_attributes(entry["SubscriptionArn"])["Endpoint"], entry["Endpoint"])
        everything = {s["SubscriptionArn"]: s for s in self.list_all_subscriptions()}
        self.assertTrue(mine | {theirs} <= set(everything))
        self.assertEqual(other, everything[theirs]["TopicArn"])
        self.assert_error("NotFound", self.sns.list_subscriptions_by_topic, TopicArn=topic_arn_of(unique("missing")),
                          status=404, message="Topic does not exist")

    def test_list_subscriptions_by_topic_pages_by_100(self):
        topic = self.create_topic()
        # SNS accepts subscriptions of queues that do not exist; they cost no SQS calls here.
        created = {self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn_of(f"nowhere-{i}"))["SubscriptionArn"]
                   for i in range(101)}
        first = self.sns.list_subscriptions_by_topic(TopicArn=topic)
        self.assertEqual(100, len(first["Subscriptions"]))
        self.assertIn("NextToken", first)
        second = self.sns.list_subscriptions_by_topic(TopicArn=topic, NextToken=first["NextToken"])
        self.assertEqual(1, len(second["Subscriptions"]))
        self.assertNotIn("NextToken", second)
        listed = [s["SubscriptionArn"] for s in first["Subscriptions"] + second["Subscriptions"]]
        self.assertEqual(created, set(listed))
        self.assertEqual(101, len(listed))
        page = self.sns.list_subscriptions()
        self.assertLessEqual(len(page["Subscriptions"]), 100)
        self.assertIn("NextToken", page)
