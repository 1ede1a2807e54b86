"""Topics through boto3: create (idempotency, name rules, FIFO), attributes, listing with pagination, delete,
tags, permissions and data protection policies, checked against AWS SNS's recorded behaviour."""
import json
from concurrent.futures import ThreadPoolExecutor

from conflux import ACCOUNT, REGION, unique
from sns_support import (DEFAULT_EFFECTIVE_DELIVERY_POLICY, SnsTestCase, default_topic_policy, topic_arn_of,
                         wait_until)

TOPIC_NAME = "Invalid parameter: Topic Name"
TOPIC_NOT_FOUND = "Topic does not exist"


class CreateTopicTests(SnsTestCase):
    def test_create_topic_returns_the_arn_of_account_and_region(self):
        name = unique("t")
        arn = self.create_topic(name=name)
        self.assertEqual(f"arn:aws:sns:{REGION}:{ACCOUNT}:{name}", arn)

    def test_create_topic_is_idempotent(self):
        name = unique("t")
        arn = self.create_topic(name=name)
        self.sns.set_topic_attributes(TopicArn=arn, AttributeName="DisplayName", AttributeValue="AlreadySet")
        self.assertEqual(arn, self.sns.create_topic(Name=name)["TopicArn"])
        self.assertEqual(arn, self.sns.create_topic(Name=name, Attributes={"DisplayName": "AlreadySet"})["TopicArn"])
        # FifoTopic=false is what a standard topic has, so it is not a difference.
        self.assertEqual(arn, self.sns.create_topic(Name=name, Attributes={"FifoTopic": "false"})["TopicArn"])
        self.assertEqual("AlreadySet", self.topic_attributes(arn)["DisplayName"])

    def test_create_topic_with_different_attributes_is_rejected(self):
        name = unique("t")
        self.create_topic(name=name, attributes={"DisplayName": "Value1"})
        reason = "Invalid parameter: Attributes Reason: Topic already exists with different attributes"
        self.assert_invalid_parameter(self.sns.create_topic, Name=name, Attributes={"DisplayName": "Value2"}, message=reason)
        self.assert_invalid_parameter(self.sns.create_topic, Name=name, Attributes={"SignatureVersion": "2"}, message=reason)
        self.assert_invalid_parameter(self.sns.create_topic, Name=name,
                                      Attributes={"SignatureVersion": "2", "DisplayName": "Value1"}, message=reason)
        # The name of a standard topic cannot become a FIFO topic's.
        self.assert_invalid_parameter(self.sns.create_topic, Name=name, Attributes={"FifoTopic": "true"}, message=TOPIC_NAME)

    def test_create_topic_with_different_tags(self):
        name = unique("t")
        tags = [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]
        arn = self.create_topic(name=name, tags=tags)
        # The same tags, a subset of them, or none: the existing topic.
        self.assertEqual(arn, self.sns.create_topic(Name=name, Tags=tags)["TopicArn"])
        self.assertEqual(arn, self.sns.create_topic(Name=name, Tags=[tags[0]])["TopicArn"])
        self.assertEqual(arn, self.sns.create_topic(Name=name, Tags=[])["TopicArn"])
        self.assert_invalid_parameter(self.sns.create_topic, Name=name, Tags=[{"Key": "key1", "Value": "value1"}],
                                      message="Invalid parameter: Tags Reason: Topic already exists with different tags")

    def test_topic_name_constraints(self):
        longest = (unique("t") + "a" * 256)[:256]
        self.assertEqual(topic_arn_of(longest), self.create_topic(name=longest))
        self.assertEqual(topic_arn_of("x_-" + longest[3:]), self.create_topic(name="x_-" + longest[3:]))
        for bad in ["", "a" * 257, unique("t") + ".fifo", "bad:name", "bad;name", "bad!name", "bad@name", "bad|name",
                    "bad^name", "bad%name", "bad name", "bad.name"]:
            with self.subTest(name=bad):
                self.assert_invalid_parameter(self.sns.create_topic, Name=bad, message=TOPIC_NAME)
        with self.subTest("FifoTopic without .fifo"):
            self.assert_invalid_parameter(self.sns.create_topic, Name=unique("t"), Attributes={"FifoTopic": "true"},
                                          message=TOPIC_NAME)

    def test_fifo_topic(self):
        name = unique("t") + ".fifo"
        arn = self.create_topic(name=name, fifo=True)
        self.assertEqual(topic_arn_of(name), arn)
        attributes = self.topic_attributes(arn)
        self.assertEqual("true", attributes["FifoTopic"])
        self.assertEqual("false", attributes["ContentBasedDeduplication"])
        self.sns.set_topic_attributes(TopicArn=arn, AttributeName="ContentBasedDeduplication", AttributeValue="true")
        self.assertEqual("true", self.topic_attributes(arn)["ContentBasedDeduplication"])

    def test_fifo_topic_with_content_based_deduplication(self):
        arn = self.create_topic(fifo=True, attributes={"ContentBasedDeduplication": "true"})
        attributes = self.topic_attributes(arn)
        self.assertEqual(("true", "true"), (attributes["FifoTopic"], attributes["ContentBasedDeduplication"]))
        self.assertEqual(default_topic_policy(arn), json.loads(attributes["Policy"]))


class TopicAttributeTests(SnsTestCase):
    def test_default_attributes_of_a_standard_topic(self):
        arn = self.create_topic()
        attributes = self.topic_attributes(arn)
        self.assertEqual({"DisplayName", "EffectiveDeliveryPolicy", "Owner", "Policy", "SubscriptionsConfirmed",
                          "SubscriptionsDeleted", "SubscriptionsPending", "TopicArn"}, set(attributes))
        self.assertEqual("", attributes["DisplayName"])
        self.assertEqual(ACCOUNT, attributes["Owner"])
        self.assertEqual(arn, attributes["TopicArn"])
        self.assertEqual(("0", "0", "0"), (attributes["SubscriptionsConfirmed"], attributes["SubscriptionsPending"],
                                           attributes["SubscriptionsDeleted"]))
        self.assertEqual(default_topic_policy(arn), json.loads(attributes["Policy"]))
        self.assertEqual(DEFAULT_EFFECTIVE_DELIVERY_POLICY, json.loads(attributes["EffectiveDeliveryPolicy"]))

    def test_default_attributes_of_a_fifo_topic(self):
        arn = self.create_topic(fifo=True, attributes={"DisplayName": "Fifo", "SignatureVersion": "2"})
        attributes = self.topic_attributes(arn)
        self.assertEqual({"ContentBasedDeduplication", "DisplayName", "EffectiveDeliveryPolicy", "FifoTopic", "Owner",
                          "Policy", "SignatureVersion", "SubscriptionsConfirmed", "SubscriptionsDeleted",
                          "SubscriptionsPending", "TopicArn"}, set(attributes))
        self.assertEqual(("Fifo", "2", "true", "false"), (attributes["DisplayName"], attributes["SignatureVersion"],
                                                         attributes["FifoTopic"], attributes["ContentBasedDeduplication"]))

    def test_set_display_name_and_signature_version(self):
        arn = self.create_topic()
        self.sns.set_topic_attributes(TopicArn=arn, AttributeName="DisplayName", AttributeValue="My Topic")
        self.sns.set_topic_attributes(TopicArn=arn, AttributeName="SignatureVersion", AttributeValue="2")
        attributes = self.topic_attributes(arn)
        self.assertEqual(("My Topic", "2"), (attributes["DisplayName"], attributes["SignatureVersion"]))
        self.assert_invalid_parameter(self.sns.set_topic_attributes, TopicArn=arn, AttributeName="SignatureVersion",
                                      AttributeValue="3")

    def test_set_policy(self):
        arn = self.create_topic()
        policy = {
            "Version": "2012-10-17",
            "Statement": [{"Sid": "only-me", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                           "Action": "SNS:Publish", "Resource": arn}],
        }
        self.sns.set_topic_attributes(TopicArn=arn, AttributeName="Policy", AttributeValue=json.dumps(policy))
        self.assertEqual(policy, json.loads(self.topic_attributes(arn)["Policy"]))

    def test_set_delivery_policy(self):
        arn = self.create_topic()
        retry = {"minDelayTarget": 5, "maxDelayTarget": 6, "numRetries": 1}
        self.sns.set_topic_attributes(TopicArn=arn, AttributeName="DeliveryPolicy",
                                      AttributeValue=json.dumps({"http": {"defaultHealthyRetryPolicy": retry}}))
        attributes = self.topic_attributes(arn)
        self.assertEqual({"http": {"defaultHealthyRetryPolicy": retry, "disableSubscriptionOverrides": False}},
                         json.loads(attributes["DeliveryPolicy"]))
        effective = json.loads(json.dumps(DEFAULT_EFFECTIVE_DELIVERY_POLICY))
        effective["http"]["defaultHealthyRetryPolicy"].update(retry)
        self.assertEqual(effective, json.loads(attributes["EffectiveDeliveryPolicy"]))

        self.sns.set_topic_attributes(TopicArn=arn, AttributeName="DeliveryPolicy", AttributeValue="")
        attributes = self.topic_attributes(arn)
        self.assertNotIn("DeliveryPolicy", attributes)
        self.assertEqual(DEFAULT_EFFECTIVE_DELIVERY_POLICY, json.loads(attributes["EffectiveDeliveryPolicy"]))

    def test_invalid_delivery_policy_is_rejected(self):
        arn = self.create_topic()
        for bad in ["{not json", json.dumps({"http": {"defaultHealthyRetryPolicy": {"minDelayTarget": 10, "maxDelayTarget": 5, "numRetries": 1}}}),
                    json.dumps({"http": {"defaultHealthyRetryPolicy": {"minDelayTarget": 1, "maxDelayTarget": 1, "numRetries": 101}}})]:
            with self.subTest(policy=bad):
                self.assert_invalid_parameter(self.sns.set_topic_attributes, TopicArn=arn, AttributeName="DeliveryPolicy",
                                              AttributeValue=bad)

    def test_unknown_or_read_only_attribute_is_rejected(self):
        arn = self.create_topic()
        for name in ["Foo", "FifoTopic", "TopicArn", "Owner"]:
            with self.subTest(attribute=name):
                self.assert_invalid_parameter(self.sns.set_topic_attributes, TopicArn=arn, AttributeName=name,
                                              AttributeValue="false", message="Invalid parameter: AttributeName")

    def test_attributes_of_a_missing_topic(self):
        self.assert_error("NotFound", self.sns.get_topic_attributes, TopicArn=topic_arn_of(unique("missing")),
                          status=404, message=TOPIC_NOT_FOUND)
        self.assert_error("NotFound", self.sns.set_topic_attributes, TopicArn=topic_arn_of(unique("missing")),
                          AttributeName="DisplayName", AttributeValue="x", status=404, message=TOPIC_NOT_FOUND)

    def test_attributes_with_a_malformed_arn(self):
        self.assert_invalid_parameter(self.sns.get_topic_attributes, TopicArn="test-topic",
                                      message_contains="Invalid parameter: TopicArn")

    def test_subscription_counts(self):
        arn = self.create_topic()
        subscription, _ = self.subscribe_queue(arn)
        self.subscribe_queue(arn)
        counted = wait_until(lambda: self.topic_attributes(arn)["SubscriptionsConfirmed"] == "2", timeout=5)
        self.assertTrue(counted, self.topic_attributes(arn))
        self.assertEqual("0", self.topic_attributes(arn)["SubscriptionsPending"])
        self.sns.unsubscribe(SubscriptionArn=subscription)
        counted = wait_until(lambda: self.topic_attributes(arn)["SubscriptionsConfirmed"] == "1", timeout=5)
        self.assertTrue(counted, self.topic_attributes(arn))


class ListAndDeleteTopicTests(SnsTestCase):
    def test_list_topics_pages_by_100(self):
        prefix = unique("page")
        names = [f"{prefix}-{i:03d}" for i in range(105)]
        with ThreadPoolExecutor(max_workers=6) as pool:
            arns = list(pool.map(lambda n: self.sns.create_topic(Name=n)["TopicArn"], names))
        try:
            pages, token = [], None
            while True:
                page = self.sns.list_topics(**({"NextToken": token} if token else {}))
                pages.append([t["TopicArn"] for t in page["Topics"]])
                token = page.get("NextToken")
                if not token:
                    break
                self.assertLessEqual(len(pages), 100, "NextToken never ends")
            self.assertGreaterEqual(len(pages), 2)
            self.assertEqual(100, len(pages[0]))
            self.assertTrue(all(len(p) <= 100 for p in pages))
            listed = [arn for page in pages for arn in page]
            self.assertEqual(len(listed), len(set(listed)), "a topic was listed twice")
            self.assertTrue(set(arns) <= set(listed), set(arns) - set(listed))
        finally:
            with ThreadPoolExecutor(max_workers=6) as pool:
                list(pool.map(lambda a: self.sns.delete_topic(TopicArn=a), arns))

    def test_delete_topic_twice_and_missing_topic(self):
        arn = self.create_topic()
        self.sns.delete_topic(TopicArn=arn)
        self.assert_error("NotFound", self.sns.get_topic_attributes, TopicArn=arn, status=404, message=TOPIC_NOT_FOUND)
        self.assertEqual(200, self.sns.delete_topic(TopicArn=arn)["ResponseMetadata"]["HTTPStatusCode"])
        self.sns.delete_topic(TopicArn=topic_arn_of(unique("never-existed")))
        self.assertNotIn(arn, [t["TopicArn"] for t in self.sns.list_topics()["Topics"]])

    def test_recreated_topic_has_no_old_tags_or_attributes(self):
        name = unique("t")
        arn = self.create_topic(name=name, tags=[{"Key": "k1", "Value": "v1"}])
        self.sns.set_topic_attributes(TopicArn=arn, AttributeName="DisplayName", AttributeValue="old")
        self.sns.delete_topic(TopicArn=arn)
        self.assertEqual(arn, self.create_topic(name=name))
        self.assertEqual([], self.sns.list_tags_for_resource(ResourceArn=arn)["Tags"])
        self.assertEqual("", self.topic_attributes(arn)["DisplayName"])

    def test_deleting_a_topic_deletes_its_subscriptions(self):
        arn = self.create_topic()
        subscription, _ = self.subscribe_queue(arn)
        self.sns.delete_topic(TopicArn=arn)
        gone = wait_until(lambda: subscription not in [s["SubscriptionArn"] for s in self.list_all_subscriptions()], timeout=5)
        self.assertTrue(gone, "the deleted topic's subscription is still listed")
        self.assert_error("NotFound", self.sns.get_subscription_attributes, SubscriptionArn=subscription, status=404,
                          message="Subscription does not exist")


class TagTests(SnsTestCase):
    def tags(self, arn):
        return sorted(self.sns.list_tags_for_resource(ResourceArn=arn)["Tags"], key=lambda t: t["Key"])

    def test_tag_list_update_and_untag(self):
        arn = self.create_topic()
        self.assertEqual([], self.tags(arn))
        self.sns.tag_resource(ResourceArn=arn, Tags=[{"Key": "k1", "Value": "v1"}, {"Key": "k2", "Value": "v2"}])
        self.assertEqual([{"Key": "k1", "Value": "v1"}, {"Key": "k2", "Value": "v2"}], self.tags(arn))
        self.sns.untag_resource(ResourceArn=arn, TagKeys=["k1", "not-there"])
        self.assertEqual([{"Key": "k2", "Value": "v2"}], self.tags(arn))
        self.sns.tag_resource(ResourceArn=arn, Tags=[{"Key": "k2", "Value": "v2b"}])
        self.assertEqual([{"Key": "k2", "Value": "v2b"}], self.tags(arn))

    def test_create_topic_with_tags(self):
        arn = self.create_topic(tags=[{"Key": "team", "Value": "platform"}, {"Key": "env", "Value": ""}])
        self.assertEqual([{"Key": "env", "Value": ""}, {"Key": "team", "Value": "platform"}], self.tags(arn))

    def test_duplicate_tag_keys_are_rejected(self):
        arn = self.create_topic()
        self.assert_invalid_parameter(self.sns.tag_resource, ResourceArn=arn,
                                      Tags=[{"Key": "k1", "Value": "v1"}, {"Key": "k2", "Value": "v2"}, {"Key": "k2", "Value": "v2"}],
                                      message="Invalid parameter: Duplicated keys are not allowed.")
        self.assertEqual([], self.tags(arn))

    def test_more_than_50_tags_are_rejected(self):
        arn = self.create_topic()
        self.sns.tag_resource(ResourceArn=arn, Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(50)])
        self.assert_error("TagLimitExceeded", self.sns.tag_resource, ResourceArn=arn, Tags=[{"Key": "one-more", "Value": "v"}])
        self.assertEqual(50, len(self.tags(arn)))

    def test_tags_of_a_missing_topic(self):
        missing = topic_arn_of(unique("missing"))
        self.assert_error("ResourceNotFound", self.sns.list_tags_for_resource, ResourceArn=missing, status=404)
        self.assert_error("ResourceNotFound", self.sns.tag_resource, ResourceArn=missing, Tags=[{"Key": "k", "Value": "v"}], status=404)
        self.assert_error("ResourceNotFound", self.sns.untag_resource, ResourceArn=missing, TagKeys=["k"], status=404)


class PermissionTests(SnsTestCase):
    def policy(self, arn):
        return json.loads(self.topic_attributes(arn)["Policy"])

    def test_add_permission_appends_a_statement(self):
        arn = self.create_topic()
        self.sns.add_permission(TopicArn=arn, Label="test", AWSAccountId=[ACCOUNT], ActionName=["Publish"])
        policy = self.policy(arn)
        self.assertEqual(default_topic_policy(arn)["Statement"][0], policy["Statement"][0])
        self.assertEqual({"Sid": "test", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                          "Action": "SNS:Publish", "Resource": arn}, policy["Statement"][1])
        self.assertEqual(2, len(policy["Statement"]))

    def test_add_permission_with_several_actions(self):
        arn = self.create_topic()
        self.sns.add_permission(TopicArn=arn, Label="multi", AWSAccountId=[ACCOUNT], ActionName=["Publish", "Subscribe"])
        statement = self.policy(arn)["Statement"][1]
        self.assertEqual(("multi", ["SNS:Publish", "SNS:Subscribe"]), (statement["Sid"], statement["Action"]))

    def test_remove_permission_restores_the_policy(self):
        arn = self.create_topic()
        self.sns.add_permission(TopicArn=arn, Label="test", AWSAccountId=[ACCOUNT], ActionName=["Publish"])
        self.sns.remove_permission(TopicArn=arn, Label="test")
        self.assertEqual(default_topic_policy(arn), self.policy(arn))

    def test_permission_errors(self):
        arn = self.create_topic()
        self.sns.add_permission(TopicArn=arn, Label="test", AWSAccountId=[ACCOUNT], ActionName=["Publish"])
        self.assert_invalid_parameter(self.sns.add_permission, TopicArn=arn, Label="test", AWSAccountId=[ACCOUNT],
                                      ActionName=["AddPermission"], message="Invalid parameter: Statement already exists")
        self.assert_invalid_parameter(self.sns.add_permission, TopicArn=arn, Label="test-2", AWSAccountId=[ACCOUNT],
                                      ActionName=["InvalidAction"],
                                      message="Invalid parameter: Policy statement action out of service scope!")
        self.assert_error("NotFound", self.sns.add_permission, TopicArn=arn + "-not-existing", Label="test-2",
                          AWSAccountId=[ACCOUNT], ActionName=["Publish"], status=404, message=TOPIC_NOT_FOUND)
        self.assert_error("NotFound", self.sns.remove_permission, TopicArn=arn + "-not-existing", Label="test",
                          status=404, message=TOPIC_NOT_FOUND)


class DataProtectionPolicyTests(SnsTestCase):
    def test_put_and_get_data_protection_policy(self):
        arn = self.create_topic()
        policy = {
            "Name": "data_protection_policy",
            "Description": "Test Policy",
            "Version": "2021-06-01",
            "Statement": [{
                "Sid": "test-statement",
                "DataDirection": "Inbound",
                "Principal": ["*"],
                "DataIdentifier": [f"arn:aws:dataprotection:{REGION}::data-identifier/EmailAddress"],
                "Operation": {"Deny": {}},
            }],
        }
        self.sns.put_data_protection_policy(ResourceArn=arn, DataProtectionPolicy=json.dumps(policy))
        self.assertEqual(policy, json.loads(self.sns.get_data_protection_policy(ResourceArn=arn)["DataProtectionPolicy"]))
        # The policy is not one of the topic's attributes.
        self.assertNotIn("DataProtectionPolicy", self.topic_attributes(arn))

    def test_data_protection_policy_of_a_missing_topic(self):
        missing = topic_arn_of(unique("missing"))
        self.assert_error("NotFound", self.sns.get_data_protection_policy, ResourceArn=missing, status=404)
