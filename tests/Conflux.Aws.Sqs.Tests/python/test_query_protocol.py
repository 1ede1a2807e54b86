"""The SQS API over the query protocol (form-encoded Action=..., XML responses): every action through
botocore's own QuerySerializer and XML parser (with a query model derived at test time, see
query_model.py), XML escaping round-trips, error documents, and raw HTTP requests."""
import json
import time
import urllib.parse
import xml.etree.ElementTree as ET

from botocore.exceptions import ClientError

from conflux import ACCOUNT, ENDPOINT, unique
from query_model import XML_NAMESPACE, query_client
from sqs_support import SqsTestCase, arn_of, attributes_md5, auth_header, http_request, md5_hex, wait_until

NS = {"sqs": XML_NAMESPACE}
NO_QUEUE_MESSAGE = "The specified queue does not exist for this wsdl version."


class QueryTestCase(SqsTestCase):
    """Runs the shared helpers (create_queue, assert_error, receive…) through the query client."""

    @classmethod
    def setUpClass(cls):
        cls.sqs = query_client()


class QueryQueueTests(QueryTestCase):
    def test_create_get_url_and_delete(self):
        name = unique()
        url = self.create_queue(name=name, attributes={"VisibilityTimeout": "45"}, tags={"k": "v"}, cleanup=False)
        self.assertTrue(url.endswith(f"/{ACCOUNT}/{name}"), url)
        self.assertEqual(url, self.sqs.get_queue_url(QueueName=name)["QueueUrl"])
        self.assertEqual(url, self.sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "45"})["QueueUrl"])
        self.sqs.delete_queue(QueueUrl=url)
        self.assert_error("AWS.SimpleQueueService.NonExistentQueue", self.sqs.get_queue_url, QueueName=name,
                          message=NO_QUEUE_MESSAGE)

    def test_queue_deleted_recently(self):
        name = unique()
        url = self.create_queue(name=name, cleanup=False)
        self.sqs.delete_queue(QueueUrl=url)
        with self.assertRaises(self.sqs.exceptions.QueueDeletedRecently) as caught:
            self.sqs.create_queue(QueueName=name)
        self.assertEqual("You must wait 60 seconds after deleting a queue before you can create another with the same name.",
                         caught.exception.response["Error"]["Message"])

    def test_missing_queue_is_a_modeled_error(self):
        with self.assertRaises(self.sqs.exceptions.QueueDoesNotExist) as caught:
            self.sqs.get_queue_attributes(QueueUrl=f"{ENDPOINT}/{ACCOUNT}/{unique('missing')}", AttributeNames=["All"])
        error = caught.exception.response["Error"]
        self.assertEqual(("AWS.SimpleQueueService.NonExistentQueue", "Sender", NO_QUEUE_MESSAGE),
                         (error["Code"], error["Type"], error["Message"]))
        self.assertEqual(400, caught.exception.response["ResponseMetadata"]["HTTPStatusCode"])

    def test_queue_already_exists(self):
        name = unique()
        self.create_queue(name=name, attributes={"DelaySeconds": "1"})
        with self.assertRaises(self.sqs.exceptions.QueueNameExists):
            self.sqs.create_queue(QueueName=name, Attributes={"DelaySeconds": "2"})

    def test_default_attributes(self):
        url = self.create_queue(fifo=True)
        attributes = self.attributes(url, "All")
        for key, value in {"VisibilityTimeout": "30", "MessageRetentionPeriod": "345600", "MaximumMessageSize": "1048576",
                           "DelaySeconds": "0", "ReceiveMessageWaitTimeSeconds": "0", "SqsManagedSseEnabled": "true",
                           "FifoQueue": "true", "ContentBasedDeduplication": "false", "DeduplicationScope": "queue",
                           "FifoThroughputLimit": "perQueue", "QueueArn": arn_of(url)}.items():
            self.assertEqual(value, attributes[key], key)

    def test_set_and_get_attributes(self):
        url = self.create_queue()
        self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": "7", "MaximumMessageSize": "2048"})
        self.assertEqual({"DelaySeconds": "7", "MaximumMessageSize": "2048"},
                         self.attributes(url, "DelaySeconds", "MaximumMessageSize"))
        self.assert_error("InvalidAttributeValue", self.sqs.set_queue_attributes, QueueUrl=url,
                          Attributes={"DelaySeconds": "901"}, message="Invalid value for the parameter DelaySeconds.")
        self.assert_error("InvalidAttributeName", self.sqs.get_queue_attributes, QueueUrl=url, AttributeNames=["Nope"])

    def test_policy_attribute_with_xml_characters(self):
        url = self.create_queue()
        policy = {"Version": "2012-10-17", "Statement": [{"Sid": "a<b>&\"c\"", "Effect": "Allow", "Principal": "*",
                                                          "Action": "sqs:*", "Resource": arn_of(url)}]}
        self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps(policy)})
        self.assertEqual(policy, json.loads(self.attributes(url, "Policy")["Policy"]))

    def test_list_queues_prefix_and_paging(self):
        prefix = unique("qlq")
        urls = sorted(self.create_queue(name=f"{prefix}-{i}") for i in range(3))
        self.assertEqual(urls, sorted(self.sqs.list_queues(QueueNamePrefix=prefix)["QueueUrls"]))
        first = self.sqs.list_queues(QueueNamePrefix=prefix, MaxResults=2)
        self.assertEqual(2, len(first["QueueUrls"]))
        rest = self.sqs.list_queues(QueueNamePrefix=prefix, MaxResults=2, NextToken=first["NextToken"])
        self.assertEqual(urls, sorted(first["QueueUrls"] + rest["QueueUrls"]))
        self.assertNotIn("NextToken", rest)
        self.assertEqual([], self.sqs.list_queues(QueueNamePrefix=unique("none")).get("QueueUrls", []))

    def test_tags(self):
        url = self.create_queue(tags={"created": "yes"})
        self.sqs.tag_queue(QueueUrl=url, Tags={"a": "1 & 2", "b": "<x>", "empty": ""})
        self.assertEqual({"created": "yes", "a": "1 & 2", "b": "<x>", "empty": ""}, self.sqs.list_queue_tags(QueueUrl=url)["Tags"])
        self.sqs.untag_queue(QueueUrl=url, TagKeys=["a", "created", "empty"])
        self.assertEqual({"b": "<x>"}, self.sqs.list_queue_tags(QueueUrl=url)["Tags"])

    def test_permissions(self):
        url = self.create_queue()
        self.sqs.add_permission(QueueUrl=url, Label="perm", AWSAccountIds=[ACCOUNT, "111111111111"],
                                Actions=["SendMessage", "ReceiveMessage"])
        statement = json.loads(self.attributes(url, "Policy")["Policy"])["Statement"][0]
        self.assertEqual("perm", statement["Sid"])
        self.assertEqual(["SQS:SendMessage", "SQS:ReceiveMessage"], statement["Action"])
        self.assertEqual([f"arn:aws:iam::{ACCOUNT}:root", "arn:aws:iam::111111111111:root"], statement["Principal"]["AWS"])
        self.sqs.remove_permission(QueueUrl=url, Label="perm")
        self.assertNotIn("Policy", self.attributes(url, "Policy"))
        self.assert_error("InvalidParameterValue", self.sqs.remove_permission, QueueUrl=url, Label="perm",
                          message="Value perm for parameter Label is invalid. Reason: can't find label.")

    def test_purge(self):
        name = unique()
        url = self.create_queue(name=name)
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        self.sqs.purge_queue(QueueUrl=url)
        self.assertEqual(0, self.counts(url)[0])
        with self.assertRaises(self.sqs.exceptions.PurgeQueueInProgress) as caught:
            self.sqs.purge_queue(QueueUrl=url)
        self.assertEqual(403, caught.exception.response["ResponseMetadata"]["HTTPStatusCode"])
        self.assertEqual(f"Only one PurgeQueue operation on {name} is allowed every 60 seconds.",
                         caught.exception.response["Error"]["Message"])


class QueryMessageTests(QueryTestCase):
    SPECIAL = "a & b < c > d \"double\" 'single' \r\n crlf \r cr \n lf \t tab ]]> &amp; ünïcödé 中文 😀 \ufffd end"

    def test_body_with_xml_characters_round_trips_exactly(self):
        url = self.create_queue()
        sent = self.sqs.send_message(QueueUrl=url, MessageBody=self.SPECIAL)
        self.assertEqual(md5_hex(self.SPECIAL), sent["MD5OfMessageBody"])
        message = self.receive_one(url)
        self.assertEqual(self.SPECIAL, message["Body"])
        self.assertEqual(md5_hex(self.SPECIAL), message["MD5OfBody"])

    def test_body_that_is_only_whitespace_and_markup(self):
        url = self.create_queue()
        for body in ("\r\n", "   ", "<Message><Body>x</Body></Message>", "&lt;not-decoded&gt;"):
            with self.subTest(body=body):
                self.sqs.send_message(QueueUrl=url, MessageBody=body)
                message = self.receive_one(url)
                self.assertEqual(body, message["Body"])
                self.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])

    def test_message_attributes_of_all_types(self):
        url = self.create_queue()
        attributes = {
            "text": {"DataType": "String", "StringValue": self.SPECIAL},
            "num": {"DataType": "Number.float", "StringValue": "-1.5e10"},
            "bin": {"DataType": "Binary", "BinaryValue": bytes(range(256))},
            "bin.custom": {"DataType": "Binary.png", "BinaryValue": b"\x89PNG\r\n\x1a\n"},
        }
        sent = self.sqs.send_message(QueueUrl=url, MessageBody="attrs", MessageAttributes=attributes)
        self.assertEqual(attributes_md5(attributes), sent["MD5OfMessageAttributes"])
        message = self.receive_one(url, MessageAttributeNames=["All"])
        self.assertEqual(attributes, message["MessageAttributes"])
        self.assertEqual(attributes_md5(attributes), message["MD5OfMessageAttributes"])

    def test_attribute_filters_and_system_attributes(self):
        url = self.create_queue(attributes={"VisibilityTimeout": "0"})
        trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"
        self.sqs.send_message(QueueUrl=url, MessageBody="x",
                              MessageAttributes={"Hello": {"DataType": "String", "StringValue": "There"},
                                                 "Help.Me": {"DataType": "String", "StringValue": "Me"},
                                                 "General": {"DataType": "String", "StringValue": "Kenobi"}},
                              MessageSystemAttributes={"AWSTraceHeader": {"DataType": "String", "StringValue": trace}})
        message = self.receive_one(url, MessageAttributeNames=["Hel.*"], AttributeNames=["All"])
        self.assertEqual(["Hello", "Help.Me"], sorted(message["MessageAttributes"]))
        self.assertEqual("83fee93c1bcd8b9a5a923ffacdc636c7", message["MD5OfMessageAttributes"])
        self.assertEqual({"ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount", "SenderId", "SentTimestamp",
                          "AWSTraceHeader"}, set(message["Attributes"]))
        self.assertEqual(trace, message["Attributes"]["AWSTraceHeader"])
        only = self.receive_one(url, MessageSystemAttributeNames=["ApproximateReceiveCount"])
        self.assertEqual({"ApproximateReceiveCount": "2"}, only["Attributes"])

    def test_receive_from_empty_queue(self):
        url = self.create_queue()
        self.assertNotIn("Messages", self.sqs.receive_message(QueueUrl=url))

    def test_change_visibility_and_delete(self):
        url = self.create_queue()
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        handle = self.receive_one(url)["ReceiptHandle"]
        self.sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=0)
        handle = self.receive_one(url, wait=0)["ReceiptHandle"]
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=handle)
        self.assertEqual((0, 0, 0), self.counts(url))
        self.assert_error("InvalidParameterValue", self.sqs.change_message_visibility, QueueUrl=url, ReceiptHandle=handle,
                          VisibilityTimeout=10)
        self.assert_error("ReceiptHandleIsInvalid", self.sqs.delete_message, QueueUrl=url, ReceiptHandle="garbage",
                          message='The input receipt handle "garbage" is not a valid receipt handle.')

    def test_batches(self):
        url = self.create_queue()
        response = self.sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": "a", "MessageBody": self.SPECIAL, "MessageAttributes": {"n": {"DataType": "Number", "StringValue": "1"}}},
            {"Id": "b", "MessageBody": "b", "DelaySeconds": 0},
            {"Id": "bad", "MessageBody": "\x01"},
        ])
        self.assertEqual({"a", "b"}, {e["Id"] for e in response["Successful"]})
        self.assertEqual(md5_hex(self.SPECIAL), {e["Id"]: e for e in response["Successful"]}["a"]["MD5OfMessageBody"])
        self.assertEqual([("bad", "InvalidMessageContents", True)],
                         [(e["Id"], e["Code"], e["SenderFault"]) for e in response["Failed"]])
        messages = self.collect(url, 2, timeout=5, delete=False)
        self.assertEqual({self.SPECIAL, "b"}, {m["Body"] for m in messages})
        changed = self.sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
            {"Id": f"c{i}", "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": 5} for i, m in enumerate(messages)])
        self.assertEqual({"c0", "c1"}, {e["Id"] for e in changed["Successful"]})
        deleted = self.sqs.delete_message_batch(QueueUrl=url, Entries=[
            {"Id": f"d{i}", "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)] + [
            {"Id": "junk", "ReceiptHandle": "junk"}])
        self.assertEqual({"d0", "d1"}, {e["Id"] for e in deleted["Successful"]})
        self.assertEqual("ReceiptHandleIsInvalid", deleted["Failed"][0]["Code"])
        self.assertEqual((0, 0, 0), self.counts(url))

    def test_batch_errors(self):
        url = self.create_queue()
        self.assert_error("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", self.sqs.send_message_batch, QueueUrl=url,
                          Entries=[{"Id": str(i), "MessageBody": "x"} for i in range(11)],
                          message="Maximum number of entries per request are 10. You have sent 11.")
        self.assert_error("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", self.sqs.delete_message_batch, QueueUrl=url,
                          Entries=[{"Id": "x", "ReceiptHandle": "a"}, {"Id": "x", "ReceiptHandle": "b"}])
        self.assert_error("AWS.SimpleQueueService.InvalidBatchEntryId", self.sqs.change_message_visibility_batch, QueueUrl=url,
                          Entries=[{"Id": "bad:id", "ReceiptHandle": "a", "VisibilityTimeout": 1}])
        self.assert_error("AWS.SimpleQueueService.EmptyBatchRequest", query_client(parameter_validation=False).send_message_batch,
                          QueueUrl=url, Entries=[])

    def test_message_errors(self):
        url = self.create_queue()
        self.assert_error("InvalidMessageContents", self.sqs.send_message, QueueUrl=url, MessageBody="bad\x00")
        self.assert_error("MissingParameter", query_client(parameter_validation=False).send_message, QueueUrl=url,
                          message="The request must contain the parameter MessageBody.")
        self.assert_error("InvalidParameterValue", self.sqs.receive_message, QueueUrl=url, MaxNumberOfMessages=11,
                          message="Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.")
        self.assert_error("InvalidParameterValue", self.sqs.send_message, QueueUrl=url, MessageBody="x", DelaySeconds=901)

    def test_fifo(self):
        url = self.create_queue(fifo=True, attributes={"ContentBasedDeduplication": "true"})
        first = self.sqs.send_message(QueueUrl=url, MessageBody="one", MessageGroupId="g")
        self.sqs.send_message(QueueUrl=url, MessageBody="one", MessageGroupId="g")
        second = self.sqs.send_message(QueueUrl=url, MessageBody="two", MessageGroupId="g", MessageDeduplicationId="d2")
        self.assertGreater(int(second["SequenceNumber"]), int(first["SequenceNumber"]))
        messages = self.receive(url, MaxNumberOfMessages=10, AttributeNames=["All"], ReceiveRequestAttemptId="attempt")
        self.assertEqual(["one", "two"], [m["Body"] for m in messages])
        self.assertEqual(first["SequenceNumber"], messages[0]["Attributes"]["SequenceNumber"])
        self.assertEqual("g", messages[0]["Attributes"]["MessageGroupId"])
        self.assertEqual("d2", messages[1]["Attributes"]["MessageDeduplicationId"])
        self.assert_error("MissingParameter", self.sqs.send_message, QueueUrl=url, MessageBody="x",
                          message="The request must contain the parameter MessageGroupId.")
        self.assert_error("InvalidParameterValue", self.sqs.send_message, QueueUrl=url, MessageBody="x", MessageGroupId="g",
                          DelaySeconds=2)

    def test_long_poll_returns_empty_after_the_wait(self):
        url = self.create_queue()
        started = time.monotonic()
        self.assertEqual([], self.receive(url, WaitTimeSeconds=1))
        self.assertGreaterEqual(time.monotonic() - started, 0.9)


class QueryRedriveTests(QueryTestCase):
    def test_dead_letter_queue_and_sources(self):
        source, dlq = self.create_dlq_pair()
        self.assertEqual([source], self.sqs.list_dead_letter_source_queues(QueueUrl=dlq)["queueUrls"])
        self.sqs.send_message(QueueUrl=source, MessageBody="to-dlq")
        self.receive_one(source, VisibilityTimeout=0)
        self.receive(source, VisibilityTimeout=0)
        moved = self.receive_one(dlq, wait=3, VisibilityTimeout=0, AttributeNames=["All"])
        self.assertEqual(arn_of(source), moved["Attributes"]["DeadLetterQueueSourceArn"])

    def test_message_move_tasks(self):
        source, dlq = self.create_dlq_pair()
        self.sqs.send_message(QueueUrl=dlq, MessageBody="parked")
        destination = self.create_queue(prefix="dest")
        handle = self.sqs.start_message_move_task(SourceArn=arn_of(dlq), DestinationArn=arn_of(destination))["TaskHandle"]
        self.assertTrue(handle)
        self.assertEqual("parked", self.receive_one(destination, wait=5)["Body"])
        task = wait_until(lambda: (lambda t: t if t["Status"] != "RUNNING" else None)(
            self.sqs.list_message_move_tasks(SourceArn=arn_of(dlq), MaxResults=10)["Results"][0]), timeout=10)
        self.assertEqual("COMPLETED", task["Status"])
        self.assertEqual(1, task["ApproximateNumberOfMessagesMoved"])
        self.assertEqual(arn_of(destination), task["DestinationArn"])
        self.assertIsInstance(task["StartedTimestamp"], int)
        self.assert_error("InvalidParameterValue", self.sqs.start_message_move_task, SourceArn=arn_of(source),
                          message="Source queue must be configured as a Dead Letter Queue.")

    def test_cancel_message_move_task(self):
        source, dlq = self.create_dlq_pair()
        self.sqs.send_message_batch(QueueUrl=dlq, Entries=[{"Id": str(i), "MessageBody": str(i)} for i in range(5)])
        destination = self.create_queue(prefix="dest")
        handle = self.sqs.start_message_move_task(SourceArn=arn_of(dlq), DestinationArn=arn_of(destination),
                                                  MaxNumberOfMessagesPerSecond=1)["TaskHandle"]
        cancelled = self.sqs.cancel_message_move_task(TaskHandle=handle)
        self.assertIsInstance(cancelled["ApproximateNumberOfMessagesMoved"], int)
        self.assertIn(self.sqs.list_message_move_tasks(SourceArn=arn_of(dlq))["Results"][0]["Status"],
                      ("CANCELLING", "CANCELLED"))
        with self.assertRaises(ClientError) as caught:
            self.sqs.cancel_message_move_task(TaskHandle="foobared")
        self.assertEqual(("InvalidParameterValue", "Value for parameter TaskHandle is invalid."),
                         (caught.exception.response["Error"]["Code"], caught.exception.response["Error"]["Message"]))

    def test_resource_not_found(self):
        _, dlq = self.create_dlq_pair()
        with self.assertRaises(self.sqs.exceptions.ResourceNotFoundException) as caught:
            self.sqs.start_message_move_task(SourceArn=arn_of(dlq), DestinationArn=arn_of(unique("missing")))
        self.assertEqual(404, caught.exception.response["ResponseMetadata"]["HTTPStatusCode"])
        self.assertEqual("The resource that you specified for the DestinationArn parameter doesn't exist.",
                         caught.exception.response["Error"]["Message"])


def form(**params):
    return urllib.parse.urlencode(params).encode("ascii")


def query_headers():
    return {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Authorization": auth_header()}


def parse_xml(body):
    return ET.fromstring(body)


class QueryRawHttpTests(SqsTestCase):
    def error_of(self, body):
        root = parse_xml(body)
        self.assertEqual(f"{{{XML_NAMESPACE}}}ErrorResponse", root.tag)
        error = root.find("sqs:Error", NS)
        return {child.tag.split("}")[-1]: child.text for child in error}

    def test_get_with_query_string(self):
        name = unique("raw")
        self.create_queue(name=name)
        status, headers, body = http_request("GET", f"{ENDPOINT}/?" + urllib.parse.urlencode(
            {"Action": "ListQueues", "QueueNamePrefix": name, "Version": "2012-11-05"}), headers={"Authorization": auth_header()})
        self.assertEqual(200, status, body)
        self.assertTrue(headers.get("content-type", "").startswith("text/xml"), headers)
        root = parse_xml(body)
        self.assertEqual(f"{{{XML_NAMESPACE}}}ListQueuesResponse", root.tag)
        urls = [e.text for e in root.findall("sqs:ListQueuesResult/sqs:QueueUrl", NS)]
        self.assertEqual(1, len(urls))
        self.assertTrue(urls[0].endswith(f"/{ACCOUNT}/{name}"))
        self.assertTrue(root.find("sqs:ResponseMetadata/sqs:RequestId", NS).text)

    def test_get_on_queue_url_sends_and_receives(self):
        url = self.create_queue()
        status, _, body = http_request("GET", url + "?" + urllib.parse.urlencode({"Action": "SendMessage", "MessageBody": "foobar & <baz>"}),
                                       headers={"Authorization": auth_header()})
        self.assertEqual(200, status, body)
        self.assertEqual(md5_hex("foobar & <baz>"),
                         parse_xml(body).find("sqs:SendMessageResult/sqs:MD5OfMessageBody", NS).text)
        status, _, body = http_request("GET", url + "?Action=ReceiveMessage&VisibilityTimeout=0",
                                       headers={"Authorization": auth_header()})
        self.assertEqual(200, status, body)
        self.assertEqual("foobar & <baz>", parse_xml(body).find("sqs:ReceiveMessageResult/sqs:Message/sqs:Body", NS).text)
        text = "ünïcödé 中文 😀 + plus"
        status, _, body = http_request("GET", url + "?Action=SendMessage&MessageBody=" + urllib.parse.quote(text),
                                       headers={"Authorization": auth_header()})
        self.assertEqual(200, status, body)
        self.assertEqual(md5_hex(text), parse_xml(body).find("sqs:SendMessageResult/sqs:MD5OfMessageBody", NS).text)

    def test_post_to_queue_url_without_queue_url_parameter(self):
        url = self.create_queue()
        status, _, body = http_request("POST", url, form(Action="GetQueueAttributes", **{"AttributeName.1": "QueueArn"}),
                                       query_headers())
        self.assertEqual(200, status, body)
        root = parse_xml(body)
        attribute = root.find("sqs:GetQueueAttributesResult/sqs:Attribute", NS)
        self.assertEqual("QueueArn", attribute.find("sqs:Name", NS).text)
        self.assertEqual(arn_of(url), attribute.find("sqs:Value", NS).text)

    def test_queue_url_parameter_overrides_the_path(self):
        first = self.create_queue()
        second = self.create_queue()
        status, _, body = http_request("POST", first, form(Action="GetQueueAttributes", QueueUrl=second,
                                                           **{"AttributeName.1": "QueueArn"}), query_headers())
        self.assertEqual(200, status, body)
        self.assertIn(f"<Value>{arn_of(second)}</Value>", body.decode("utf-8"))

    def test_unknown_action(self):
        status, headers, body = http_request("POST", ENDPOINT + "/", form(Action="NoSuchAction"), query_headers())
        self.assertEqual(400, status, body)
        self.assertTrue(headers.get("content-type", "").startswith("text/xml"), headers)
        error = self.error_of(body)
        self.assertEqual("InvalidAction", error["Code"])
        self.assertEqual("Sender", error["Type"])
        self.assertEqual("The action NoSuchAction is not valid for this endpoint.", error["Message"])

    def test_malformed_percent_encoding(self):
        for payload in (b"Action=ListQueues&QueueNamePrefix=%zz", b"Action=ListQueues&QueueNamePrefix=%4",
                        b"Action=List%Queues", b"Action=ListQueues&QueueNamePrefix=%E9%80", b"Action=ListQueues&%FF=1"):
            with self.subTest(payload=payload):
                status, _, body = http_request("POST", ENDPOINT + "/", payload, query_headers())
                self.assertGreaterEqual(status, 400, body)
                self.assertLess(status, 500, body)
                self.assertEqual(400, status, body)
                self.assertTrue(self.error_of(body)["Code"])
        status, _, body = http_request("GET", ENDPOINT + "/?Action=ListQueues&QueueNamePrefix=%zz",
                                       headers={"Authorization": auth_header()})
        self.assertEqual(400, status, body)

    def test_missing_action(self):
        status, _, body = http_request("POST", ENDPOINT + "/", form(QueueName="x"), query_headers())
        self.assertGreaterEqual(status, 400, body)
        self.assertLess(status, 500, body)

    def test_error_document_for_missing_queue(self):
        status, _, body = http_request("POST", ENDPOINT + "/", form(Action="GetQueueUrl", QueueName=unique("missing")),
                                       query_headers())
        self.assertEqual(400, status, body)
        root = parse_xml(body)
        error = self.error_of(body)
        self.assertEqual({"Type": "Sender", "Code": "AWS.SimpleQueueService.NonExistentQueue", "Message": NO_QUEUE_MESSAGE},
                         {k: error[k] for k in ("Type", "Code", "Message")})
        self.assertTrue(root.find("sqs:RequestId", NS).text)

    def test_invalid_integer_parameter(self):
        url = self.create_queue()
        status, _, body = http_request("POST", ENDPOINT + "/", form(Action="ReceiveMessage", QueueUrl=url,
                                                                    MaxNumberOfMessages="ten"), query_headers())
        self.assertEqual(400, status, body)
        self.assertTrue(self.error_of(body)["Code"])

    def test_carriage_return_is_escaped_in_xml(self):
        url = self.create_queue()
        self.sqs.send_message(QueueUrl=url, MessageBody="line1\r\nline2\r")
        status, _, body = http_request("POST", url, form(Action="ReceiveMessage"), query_headers())
        self.assertEqual(200, status, body)
        self.assertNotIn(b"\r", body)
        self.assertEqual("line1\r\nline2\r", parse_xml(body).find("sqs:ReceiveMessageResult/sqs:Message/sqs:Body", NS).text)
