"""boto3 over the awsJson 1.0 protocol: queue lifecycle, attributes, listing, tags, permissions,
purge and the errors of every queue-addressed action, checked against AWS SQS's behaviour."""
import json
import time

import boto3

from conflux import ACCOUNT, ENDPOINT, REGION, sqs_client, unique
from sqs_support import SqsTestCase, arn_of, queue_name_of, wait_until

STANDARD_DEFAULTS = {
    "ApproximateNumberOfMessages": "0",
    "ApproximateNumberOfMessagesDelayed": "0",
    "ApproximateNumberOfMessagesNotVisible": "0",
    "DelaySeconds": "0",
    "MaximumMessageSize": "1048576",
    "MessageRetentionPeriod": "345600",
    "ReceiveMessageWaitTimeSeconds": "0",
    "SqsManagedSseEnabled": "true",
    "VisibilityTimeout": "30",
}
FIFO_EXTRAS = {
    "FifoQueue": "true",
    "ContentBasedDeduplication": "false",
    "DeduplicationScope": "queue",
    "FifoThroughputLimit": "perQueue",
}
NO_QUEUE = "AWS.SimpleQueueService.NonExistentQueue"


class QueueLifecycleTests(SqsTestCase):
    def test_create_queue_url_format(self):
        name = unique()
        url = self.create_queue(name=name)
        self.assertTrue(url.startswith("http"), url)
        self.assertTrue(url.endswith(f"/{ACCOUNT}/{name}"), url)

    def test_get_queue_url_returns_the_created_url(self):
        name = unique()
        url = self.create_queue(name=name)
        self.assertEqual(url, self.sqs.get_queue_url(QueueName=name)["QueueUrl"])
        self.assertEqual(url, self.sqs.get_queue_url(QueueName=name, QueueOwnerAWSAccountId=ACCOUNT)["QueueUrl"])

    def test_get_queue_url_of_missing_queue(self):
        self.assert_error(NO_QUEUE, self.sqs.get_queue_url, QueueName=unique("missing"),
                          message="The specified queue does not exist.")

    def test_get_queue_url_of_another_owner(self):
        name = unique()
        self.create_queue(name=name)
        self.assert_error(NO_QUEUE, self.sqs.get_queue_url, QueueName=name, QueueOwnerAWSAccountId="111111111111")

    def test_queue_names_are_case_sensitive(self):
        base = unique("case")
        lower = self.create_queue(name=base + "-x")
        upper = self.create_queue(name=base + "-X")
        self.assertNotEqual(lower, upper)
        self.sqs.send_message(QueueUrl=upper, MessageBody="upper")
        self.assertEqual([], self.receive(lower))
        self.assertEqual("upper", self.receive_one(upper)["Body"])

    def test_queue_arn_format(self):
        name = unique()
        url = self.create_queue(name=name)
        self.assertEqual(f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}", self.attributes(url, "QueueArn")["QueueArn"])

    def test_default_attributes_of_standard_queue(self):
        url = self.create_queue()
        attributes = self.attributes(url, "All")
        expected = dict(STANDARD_DEFAULTS, QueueArn=arn_of(url))
        self.assertEqual(set(expected) | {"CreatedTimestamp", "LastModifiedTimestamp"}, set(attributes))
        for key, value in expected.items():
            self.assertEqual(value, attributes[key], key)

    def test_default_attributes_of_fifo_queue(self):
        url = self.create_queue(fifo=True)
        attributes = self.attributes(url, "All")
        expected = dict(STANDARD_DEFAULTS, QueueArn=arn_of(url), **FIFO_EXTRAS)
        self.assertEqual(set(expected) | {"CreatedTimestamp", "LastModifiedTimestamp"}, set(attributes))
        for key, value in expected.items():
            self.assertEqual(value, attributes[key], key)

    def test_timestamps_are_epoch_seconds(self):
        url = self.create_queue()
        attributes = self.attributes(url, "CreatedTimestamp", "LastModifiedTimestamp")
        now = time.time()
        for key in ("CreatedTimestamp", "LastModifiedTimestamp"):
            self.assertRegex(attributes[key], r"^\d+$")
            self.assertLess(abs(int(attributes[key]) - now), 60, key)

    def test_create_queue_is_idempotent(self):
        name = unique()
        url = self.create_queue(name=name, attributes={"ReceiveMessageWaitTimeSeconds": "1", "DelaySeconds": "1"})
        # no attributes always matches; a subset with the same values matches too
        self.assertEqual(url, self.sqs.create_queue(QueueName=name)["QueueUrl"])
        self.assertEqual(url, self.sqs.create_queue(QueueName=name, Attributes={"DelaySeconds": "1"})["QueueUrl"])
        self.assertEqual(url, self.sqs.create_queue(
            QueueName=name, Attributes={"ReceiveMessageWaitTimeSeconds": "1", "DelaySeconds": "1"})["QueueUrl"])

    def test_create_queue_with_different_attribute_fails(self):
        name = unique()
        url = self.create_queue(name=name, attributes={"ReceiveMessageWaitTimeSeconds": "1", "DelaySeconds": "1"})
        self.assert_error(
            "QueueAlreadyExists", self.sqs.create_queue, QueueName=name,
            Attributes={"ReceiveMessageWaitTimeSeconds": "1", "DelaySeconds": "2"},
            message="A queue already exists with the same name and a different value for attribute DelaySeconds")
        # after an update the new value matches and the original one does not
        self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": "2"})
        self.assertEqual(url, self.sqs.create_queue(
            QueueName=name, Attributes={"ReceiveMessageWaitTimeSeconds": "1", "DelaySeconds": "2"})["QueueUrl"])
        self.assert_error("QueueAlreadyExists", self.sqs.create_queue, QueueName=name,
                          Attributes={"ReceiveMessageWaitTimeSeconds": "1", "DelaySeconds": "1"})

    def test_create_fifo_queue_with_different_attribute_fails(self):
        name = unique() + ".fifo"
        self.create_queue(name=name, attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})
        self.assert_error(
            "QueueAlreadyExists", self.sqs.create_queue, QueueName=name,
            Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "false"},
            message="A queue already exists with the same name and a different value for attribute ContentBasedDeduplication")

    def test_invalid_queue_names_are_rejected(self):
        for name in ("bad name", "bad/name", "x" * 81, "", unique() + ".fifo"):
            with self.subTest(name=name):
                self.assert_error("InvalidParameterValue", self.sqs.create_queue, QueueName=name)
        self.assertEqual(80, len(queue_name_of(self.create_queue(name=unique("n") + "x" * 66))))

    def test_fifo_queue_requires_fifo_suffix(self):
        self.assert_error("InvalidParameterValue", self.sqs.create_queue, QueueName=unique(),
                          Attributes={"FifoQueue": "true"})

    def test_standard_queue_rejects_fifo_attributes(self):
        name = unique()
        cases = [
            ({"FifoQueue": "false"}, "Unknown Attribute FifoQueue."),
            ({"ContentBasedDeduplication": "false"}, "Unknown Attribute ContentBasedDeduplication."),
            ({"DeduplicationScope": "queue"}, "You can specify the DeduplicationScope only when FifoQueue is set to true."),
            ({"FifoThroughputLimit": "perQueue"}, "You can specify the FifoThroughputLimit only when FifoQueue is set to true."),
        ]
        for attributes, message in cases:
            with self.subTest(attributes=attributes):
                self.assert_error("InvalidAttributeName", self.sqs.create_queue, QueueName=name,
                                  Attributes=attributes, message=message)

    def test_unknown_attribute_on_create_is_rejected(self):
        self.assert_error("InvalidAttributeName", self.sqs.create_queue, QueueName=unique(),
                          Attributes={"NoSuchAttribute": "1"}, message="Unknown Attribute NoSuchAttribute.")

    def test_delete_queue(self):
        name = unique()
        url = self.create_queue(name=name, cleanup=False)
        self.sqs.delete_queue(QueueUrl=url)
        self.assert_error(NO_QUEUE, self.sqs.get_queue_url, QueueName=name)
        self.assert_error(NO_QUEUE, self.sqs.get_queue_attributes, QueueUrl=url, AttributeNames=["All"])
        self.assert_error(NO_QUEUE, self.sqs.delete_queue, QueueUrl=url)

    def test_recreating_a_deleted_queue_within_60_seconds_fails(self):
        name = unique()
        url = self.create_queue(name=name, cleanup=False)
        self.sqs.delete_queue(QueueUrl=url)
        self.assert_error(
            "AWS.SimpleQueueService.QueueDeletedRecently", self.sqs.create_queue, QueueName=name,
            message="You must wait 60 seconds after deleting a queue before you can create another with the same name.")

    def test_queue_name_is_accepted_as_queue_url(self):
        name = unique()
        self.create_queue(name=name)
        self.sqs.set_queue_attributes(QueueUrl=name, Attributes={"DelaySeconds": "0"})
        self.sqs.send_message(QueueUrl=name, MessageBody="by-name")
        self.assertEqual("by-name", self.receive_one(name)["Body"])

    def test_json_protocol_against_the_queue_url_path(self):
        url = self.create_queue()
        by_url = boto3.client(
            "sqs", endpoint_url=url, region_name=REGION, aws_access_key_id="test", aws_secret_access_key="test")
        by_url.send_message(QueueUrl=url, MessageBody="via-queue-path")
        response = by_url.receive_message(QueueUrl=url, WaitTimeSeconds=1)
        self.assertEqual("application/x-amz-json-1.0", response["ResponseMetadata"]["HTTPHeaders"]["content-type"])
        self.assertEqual("via-queue-path", response["Messages"][0]["Body"])


class QueueAttributeTests(SqsTestCase):
    def test_create_and_update_attributes(self):
        url = self.create_queue(attributes={"MessageRetentionPeriod": "604800", "ReceiveMessageWaitTimeSeconds": "10",
                                            "VisibilityTimeout": "20"})
        attributes = self.attributes(url)
        self.assertEqual(("604800", "10", "20", "0"), (attributes["MessageRetentionPeriod"],
                                                       attributes["ReceiveMessageWaitTimeSeconds"],
                                                       attributes["VisibilityTimeout"], attributes["DelaySeconds"]))
        self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": "420", "MaximumMessageSize": "2048",
                                                                "VisibilityTimeout": "69"})
        attributes = self.attributes(url)
        self.assertEqual(("420", "2048", "69", "604800"), (attributes["DelaySeconds"], attributes["MaximumMessageSize"],
                                                           attributes["VisibilityTimeout"], attributes["MessageRetentionPeriod"]))

    def test_attribute_bounds_are_accepted(self):
        url = self.create_queue()
        bounds = {
            "VisibilityTimeout": ("0", "43200"),
            "DelaySeconds": ("0", "900"),
            "MessageRetentionPeriod": ("60", "1209600"),
            "MaximumMessageSize": ("1024", "1048576"),
            "ReceiveMessageWaitTimeSeconds": ("0", "20"),
        }
        for name, values in bounds.items():
            for value in values:
                with self.subTest(name=name, value=value):
                    self.sqs.set_queue_attributes(QueueUrl=url, Attributes={name: value})
                    self.assertEqual(value, self.attributes(url, name)[name])

    def test_out_of_range_attributes_are_rejected(self):
        url = self.create_queue()
        invalid = [
            ("VisibilityTimeout", "-1"), ("VisibilityTimeout", "43201"), ("VisibilityTimeout", "abc"),
            ("DelaySeconds", "-1"), ("DelaySeconds", "901"),
            ("MessageRetentionPeriod", "59"), ("MessageRetentionPeriod", "1209601"),
            ("MaximumMessageSize", "1023"), ("MaximumMessageSize", "1048577"),
            ("ReceiveMessageWaitTimeSeconds", "-1"), ("ReceiveMessageWaitTimeSeconds", "21"),
            ("KmsDataKeyReusePeriodSeconds", "59"), ("KmsDataKeyReusePeriodSeconds", "86401"),
        ]
        for name, value in invalid:
            with self.subTest(name=name, value=value):
                self.assert_error("InvalidAttributeValue", self.sqs.set_queue_attributes, QueueUrl=url,
                                  Attributes={name: value}, message=f"Invalid value for the parameter {name}.")
        self.assertEqual("30", self.attributes(url, "VisibilityTimeout")["VisibilityTimeout"])

    def test_out_of_range_attribute_on_create_is_rejected(self):
        name = unique()
        self.assert_error("InvalidAttributeValue", self.sqs.create_queue, QueueName=name,
                          Attributes={"MaximumMessageSize": "1048577"},
                          message="Invalid value for the parameter MaximumMessageSize.")
        self.assert_error(NO_QUEUE, self.sqs.get_queue_url, QueueName=name)

    def test_set_unknown_attribute_is_rejected(self):
        url = self.create_queue()
        self.assert_error("InvalidAttributeName", self.sqs.set_queue_attributes, QueueUrl=url,
                          Attributes={"Bogus": "1"}, message="Unknown Attribute Bogus.")

    def test_queue_type_cannot_be_changed(self):
        fifo = self.create_queue(fifo=True)
        self.assert_error("InvalidAttributeValue", self.sqs.set_queue_attributes, QueueUrl=fifo,
                          Attributes={"FifoQueue": "false"},
                          message="Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.")
        standard = self.create_queue()
        self.assert_error("InvalidAttributeName", self.sqs.set_queue_attributes, QueueUrl=standard,
                          Attributes={"FifoQueue": "true"}, message="Unknown Attribute FifoQueue.")

    def test_get_selected_attributes(self):
        url = self.create_queue()
        attributes = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout", "QueueArn"])["Attributes"]
        self.assertEqual({"VisibilityTimeout": "30", "QueueArn": arn_of(url)}, attributes)

    def test_get_attributes_without_names_returns_none(self):
        url = self.create_queue()
        self.assertEqual({}, self.sqs.get_queue_attributes(QueueUrl=url).get("Attributes", {}))

    def test_get_unknown_attribute_name_is_rejected(self):
        url = self.create_queue()
        self.assert_error("InvalidAttributeName", self.sqs.get_queue_attributes, QueueUrl=url,
                          AttributeNames=["NoSuchThing"], message="Unknown Attribute NoSuchThing.")

    def test_last_modified_changes_and_created_does_not(self):
        url = self.create_queue()
        before = self.attributes(url, "CreatedTimestamp", "LastModifiedTimestamp")
        time.sleep(1.1)
        self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "31"})
        after = self.attributes(url, "CreatedTimestamp", "LastModifiedTimestamp")
        self.assertEqual(before["CreatedTimestamp"], after["CreatedTimestamp"])
        self.assertGreater(int(after["LastModifiedTimestamp"]), int(before["LastModifiedTimestamp"]))

    def test_kms_sse_attributes(self):
        url = self.create_queue()
        self.sqs.set_queue_attributes(QueueUrl=url, Attributes={
            "KmsMasterKeyId": "testKeyId", "KmsDataKeyReusePeriodSeconds": "6000", "SqsManagedSseEnabled": "false"})
        self.assertEqual({"KmsMasterKeyId": "testKeyId", "KmsDataKeyReusePeriodSeconds": "6000", "SqsManagedSseEnabled": "false"},
                         self.attributes(url, "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled"))
        # back to the defaults: the KMS attributes disappear
        self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"KmsMasterKeyId": "", "KmsDataKeyReusePeriodSeconds": "300"})
        attributes = self.attributes(url)
        self.assertNotIn("KmsMasterKeyId", attributes)
        self.assertNotIn("KmsDataKeyReusePeriodSeconds", attributes)

    def test_kms_and_sqs_sse_are_mutually_exclusive(self):
        url = self.create_queue()
        self.assert_error(
            "InvalidAttributeName", self.sqs.set_queue_attributes, QueueUrl=url,
            Attributes={"KmsMasterKeyId": "testKeyId", "SqsManagedSseEnabled": "true"},
            message="You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.")

    def test_policy_attribute_round_trips(self):
        url = self.create_queue()
        policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage",
                                                          "Resource": arn_of(url)}]}
        self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps(policy)})
        self.assertEqual(policy, json.loads(self.attributes(url, "Policy")["Policy"]))

    def test_fifo_throughput_and_dedup_scope_can_be_changed(self):
        url = self.create_queue(fifo=True)
        self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"DeduplicationScope": "messageGroup",
                                                                "FifoThroughputLimit": "perMessageGroupId"})
        attributes = self.attributes(url, "DeduplicationScope", "FifoThroughputLimit")
        self.assertEqual({"DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}, attributes)
        self.assert_error("InvalidAttributeValue", self.sqs.set_queue_attributes, QueueUrl=url,
                          Attributes={"DeduplicationScope": "nonsense"})


class ListQueuesTests(SqsTestCase):
    def test_list_queues_by_prefix(self):
        prefix = unique("lq")
        urls = sorted(self.create_queue(name=f"{prefix}-{i}") for i in range(3))
        other = self.create_queue()
        listed = self.sqs.list_queues(QueueNamePrefix=prefix)["QueueUrls"]
        self.assertEqual(urls, sorted(listed))
        self.assertNotIn(other, listed)
        self.assertIn(other, self.sqs.list_queues()["QueueUrls"])

    def test_list_queues_with_unmatched_prefix_is_empty(self):
        response = self.sqs.list_queues(QueueNamePrefix=unique("nothing-here"))
        self.assertEqual([], response.get("QueueUrls", []))
        self.assertNotIn("NextToken", response)

    def test_list_queues_paging(self):
        prefix = unique("page")
        urls = [self.create_queue(name=f"{prefix}-{i}") for i in range(5)]
        first = self.sqs.list_queues(QueueNamePrefix=prefix, MaxResults=2)
        self.assertEqual(2, len(first["QueueUrls"]))
        self.assertIn("NextToken", first)
        seen = list(first["QueueUrls"])
        token = first["NextToken"]
        pages = 1
        while token:
            page = self.sqs.list_queues(QueueNamePrefix=prefix, MaxResults=2, NextToken=token)
            seen.extend(page.get("QueueUrls", []))
            token = page.get("NextToken")
            pages += 1
            self.assertLess(pages, 10)
        self.assertEqual(sorted(urls), sorted(seen))
        self.assertEqual(len(seen), len(set(seen)))
        # a page large enough for the rest carries no token
        rest = self.sqs.list_queues(QueueNamePrefix=prefix, MaxResults=10, NextToken=first["NextToken"])
        self.assertEqual(3, len(rest["QueueUrls"]))
        self.assertNotIn("NextToken", rest)

    def test_list_queues_without_max_results_has_no_token(self):
        prefix = unique("all")
        for i in range(3):
            self.create_queue(name=f"{prefix}-{i}")
        response = self.sqs.list_queues(QueueNamePrefix=prefix)
        self.assertEqual(3, len(response["QueueUrls"]))
        self.assertNotIn("NextToken", response)

    def test_list_queues_paginator(self):
        prefix = unique("pgn")
        urls = [self.create_queue(name=f"{prefix}-{i}") for i in range(3)]
        seen = []
        for page in self.sqs.get_paginator("list_queues").paginate(QueueNamePrefix=prefix, PaginationConfig={"PageSize": 1}):
            seen.extend(page.get("QueueUrls", []))
        self.assertEqual(sorted(urls), sorted(seen))

    def test_max_results_out_of_range(self):
        for value in (0, 1001):
            with self.subTest(value=value):
                self.assert_error("InvalidParameterValue", sqs_client(parameter_validation=False).list_queues, MaxResults=value)


class TagTests(SqsTestCase):
    def test_tag_list_untag(self):
        url = self.create_queue()
        tags = {"tag1": "value1", "tag2": "value2", "tag3": ""}
        self.sqs.tag_queue(QueueUrl=url, Tags=tags)
        self.assertEqual(tags, self.sqs.list_queue_tags(QueueUrl=url)["Tags"])
        self.sqs.untag_queue(QueueUrl=url, TagKeys=["tag1", "tag3"])
        self.assertEqual({"tag2": "value2"}, self.sqs.list_queue_tags(QueueUrl=url)["Tags"])
        self.sqs.untag_queue(QueueUrl=url, TagKeys=["tag2"])
        self.assertEqual({}, self.sqs.list_queue_tags(QueueUrl=url).get("Tags", {}))

    def test_tags_are_case_sensitive_and_overwrite(self):
        url = self.create_queue()
        self.sqs.tag_queue(QueueUrl=url, Tags={"MyTag": "value1", "mytag": "value2"})
        self.sqs.tag_queue(QueueUrl=url, Tags={"MyTag": "changed"})
        self.assertEqual({"MyTag": "changed", "mytag": "value2"}, self.sqs.list_queue_tags(QueueUrl=url)["Tags"])

    def test_untag_ignores_missing_keys(self):
        url = self.create_queue()
        self.sqs.tag_queue(QueueUrl=url, Tags={"keep": "1"})
        self.sqs.untag_queue(QueueUrl=url, TagKeys=["not-there"])
        self.assertEqual({"keep": "1"}, self.sqs.list_queue_tags(QueueUrl=url)["Tags"])

    def test_create_queue_with_tags(self):
        url = self.create_queue(tags={"team": "platform", "env": "test"})
        self.assertEqual({"team": "platform", "env": "test"}, self.sqs.list_queue_tags(QueueUrl=url)["Tags"])

    def test_new_queue_has_no_tags(self):
        url = self.create_queue()
        self.assertEqual({}, self.sqs.list_queue_tags(QueueUrl=url).get("Tags", {}))


class PermissionTests(SqsTestCase):
    def test_permission_lifecycle(self):
        url = self.create_queue()
        arn = arn_of(url)
        self.sqs.add_permission(QueueUrl=url, Label="crossaccountpermission",
                                AWSAccountIds=["668614515564", ACCOUNT], Actions=["ReceiveMessage"])
        policy = json.loads(self.attributes(url, "Policy")["Policy"])
        self.assertEqual({
            "Version": "2008-10-17",
            "Id": f"{arn}/SQSDefaultPolicy",
            "Statement": [{
                "Sid": "crossaccountpermission",
                "Effect": "Allow",
                "Principal": {"AWS": ["arn:aws:iam::668614515564:root", f"arn:aws:iam::{ACCOUNT}:root"]},
                "Action": "SQS:ReceiveMessage",
                "Resource": arn,
            }],
        }, policy)
        self.sqs.remove_permission(QueueUrl=url, Label="crossaccountpermission")
        self.assertNotIn("Policy", self.attributes(url, "Policy"))

    def test_second_permission_and_duplicate_label(self):
        url = self.create_queue()
        self.sqs.add_permission(QueueUrl=url, Label="first", AWSAccountIds=[ACCOUNT], Actions=["ReceiveMessage"])
        self.assert_error("InvalidParameterValue", self.sqs.add_permission, QueueUrl=url, Label="first",
                          AWSAccountIds=["111111111111"], Actions=["SendMessage"],
                          message="Value first for parameter Label is invalid. Reason: Already exists.")
        self.sqs.add_permission(QueueUrl=url, Label="second", AWSAccountIds=[ACCOUNT], Actions=["SendMessage", "DeleteMessage"])
        statements = json.loads(self.attributes(url, "Policy")["Policy"])["Statement"]
        self.assertEqual(["first", "second"], [s["Sid"] for s in statements])
        self.assertEqual(f"arn:aws:iam::{ACCOUNT}:root", statements[0]["Principal"]["AWS"])
        self.assertEqual(["SQS:SendMessage", "SQS:DeleteMessage"], statements[1]["Action"])
        self.sqs.remove_permission(QueueUrl=url, Label="first")
        statements = json.loads(self.attributes(url, "Policy")["Policy"])["Statement"]
        self.assertEqual(["second"], [s["Sid"] for s in statements])

    def test_remove_unknown_label(self):
        url = self.create_queue()
        self.assert_error("InvalidParameterValue", self.sqs.remove_permission, QueueUrl=url, Label="nothing",
                          message="Value nothing for parameter Label is invalid. Reason: can't find label.")

    def test_add_permission_with_invalid_label(self):
        url = self.create_queue()
        self.assert_error("InvalidParameterValue", self.sqs.add_permission, QueueUrl=url, Label="bad label!",
                          AWSAccountIds=[ACCOUNT], Actions=["SendMessage"])

    def test_add_permission_with_invalid_action(self):
        url = self.create_queue()
        self.assert_error("InvalidParameterValue", self.sqs.add_permission, QueueUrl=url, Label="bad",
                          AWSAccountIds=[ACCOUNT], Actions=["NoSuchAction"])


class PurgeTests(SqsTestCase):
    def test_purge_removes_messages(self):
        url = self.create_queue()
        for i in range(3):
            self.sqs.send_message(QueueUrl=url, MessageBody=f"m{i}")
        self.sqs.receive_message(QueueUrl=url)
        self.sqs.purge_queue(QueueUrl=url)
        self.assertTrue(wait_until(lambda: self.counts(url) == (0, 0, 0), timeout=5), self.counts(url))
        self.assertEqual([], self.receive(url))

    def test_second_purge_within_60_seconds_fails(self):
        name = unique()
        url = self.create_queue(name=name)
        self.sqs.purge_queue(QueueUrl=url)
        self.assert_error("AWS.SimpleQueueService.PurgeQueueInProgress", self.sqs.purge_queue, QueueUrl=url, status=403,
                          message=f"Only one PurgeQueue operation on {name} is allowed every 60 seconds.")


class MissingQueueTests(SqsTestCase):
    """Every action that addresses a queue fails the same way when the queue does not exist."""

    def test_actions_on_missing_queue(self):
        url = f"{ENDPOINT}/{ACCOUNT}/{unique('missing')}"
        calls = {
            "DeleteQueue": lambda: self.sqs.delete_queue(QueueUrl=url),
            "GetQueueAttributes": lambda: self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"]),
            "SetQueueAttributes": lambda: self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": "1"}),
            "SendMessage": lambda: self.sqs.send_message(QueueUrl=url, MessageBody="x"),
            "SendMessageBatch": lambda: self.sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "1", "MessageBody": "x"}]),
            "ReceiveMessage": lambda: self.sqs.receive_message(QueueUrl=url),
            "PurgeQueue": lambda: self.sqs.purge_queue(QueueUrl=url),
            "TagQueue": lambda: self.sqs.tag_queue(QueueUrl=url, Tags={"a": "b"}),
            "UntagQueue": lambda: self.sqs.untag_queue(QueueUrl=url, TagKeys=["a"]),
            "ListQueueTags": lambda: self.sqs.list_queue_tags(QueueUrl=url),
            "AddPermission": lambda: self.sqs.add_permission(QueueUrl=url, Label="l", AWSAccountIds=[ACCOUNT], Actions=["SendMessage"]),
            "RemovePermission": lambda: self.sqs.remove_permission(QueueUrl=url, Label="l"),
            "ListDeadLetterSourceQueues": lambda: self.sqs.list_dead_letter_source_queues(QueueUrl=url),
        }
        for action, call in calls.items():
            with self.subTest(action=action):
                self.assert_error(NO_QUEUE, call, message="The specified queue does not exist.")

    def test_missing_queue_error_carries_query_error_header(self):
        response = self.assert_error(NO_QUEUE, self.sqs.get_queue_url, QueueName=unique("missing"))
        self.assertEqual("QueueDoesNotExist", response["Error"].get("QueryErrorCode"))
        self.assertEqual("Sender", response["Error"].get("Type"))
        self.assertEqual("AWS.SimpleQueueService.NonExistentQueue;Sender",
                         response["ResponseMetadata"]["HTTPHeaders"].get("x-amzn-query-error"))

    def test_missing_required_parameter(self):
        client = sqs_client(parameter_validation=False)
        self.assert_error("MissingParameter", client.create_queue,
                          message="The request must contain the parameter QueueName.")
        url = self.create_queue()
        self.assert_error("MissingParameter", client.send_message, QueueUrl=url,
                          message="The request must contain the parameter MessageBody.")
        self.assert_error("MissingParameter", client.delete_message, QueueUrl=url,
                          message="The request must contain the parameter ReceiptHandle.")
