"""Errors of Publish and Subscribe as AWS answers them (codes, messages, HTTP status, the query-protocol error
XML), and the SMS / mobile-push features Conflux does not offer, which it refuses with InvalidParameter."""
import json
import urllib.parse

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from conflux import ACCOUNT, ENDPOINT, REGION, unique
from sns_support import SNS_XML_NAMESPACE, SnsTestCase, http_request, topic_arn_of, xml_find, xml_root_name

MAX_MESSAGE_BYTES = 262144


def signed_query(params):
    """POSTs a SigV4-signed SNS query request; returns (status, headers, body)."""
    body = urllib.parse.urlencode({"Version": "2010-03-31", **params})
    request = AWSRequest(method="POST", url=ENDPOINT + "/", data=body,
                         headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    SigV4Auth(Credentials("test", "test"), "sns", REGION).add_auth(request)
    return http_request("POST", ENDPOINT + "/", body.encode("utf-8"), dict(request.headers.items()))


class PublishErrorTests(SnsTestCase):
    def test_publish_to_a_missing_topic(self):
        self.assert_error("NotFound", self.sns.publish, TopicArn=topic_arn_of(unique("missing")), Message="m",
                          status=404, message="Topic does not exist")

    def test_publish_with_a_malformed_arn(self):
        for arn in ["test-topic", "arn:aws:sns:us-east-1", ""]:
            with self.subTest(arn=arn):
                self.assert_invalid_parameter(self.sns.publish, TopicArn=arn, Message="m",
                                              message_contains="Invalid parameter: TopicArn")

    def test_publish_to_a_topic_arn_of_another_region(self):
        name = unique("t")
        self.create_topic(name=name)
        self.assert_invalid_parameter(self.sns.publish, TopicArn=f"arn:aws:sns:eu-west-1:{ACCOUNT}:{name}", Message="m",
                                      message="Invalid parameter: TopicArn")

    def test_publish_by_target_arn(self):
        topic = self.create_topic()
        _, queue = self.subscribe_queue(topic, raw=True)
        self.sns.publish(TargetArn=topic, Message="via TargetArn")
        self.assertEqual("via TargetArn", self.receive_one(queue)["Body"])

    def test_empty_message(self):
        topic = self.create_topic()
        _, queue = self.subscribe_queue(topic)
        self.assert_invalid_parameter(self.sns.publish, TopicArn=topic, Message="", message="Invalid parameter: Empty message")
        self.assertEqual("0", self.sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["ApproximateNumberOfMessages"])
                         ["Attributes"]["ApproximateNumberOfMessages"])

    def test_subject_rules(self):
        topic = self.create_topic()
        for subject in ["", "s" * 101, "line\nbreak"]:
            with self.subTest(subject=subject):
                self.assert_invalid_parameter(self.sns.publish, TopicArn=topic, Message="m", Subject=subject,
                                              message="Invalid parameter: Subject")
        self.sns.publish(TopicArn=topic, Message="m", Subject="s" * 100)

    def test_message_too_long(self):
        topic = self.create_topic()
        too_long = "Invalid parameter: Message too long"
        self.assert_invalid_parameter(self.sns.publish, TopicArn=topic, Message="a" * (MAX_MESSAGE_BYTES + 1), message=too_long)
        # The limit is in UTF-8 bytes, not characters.
        self.assert_invalid_parameter(self.sns.publish, TopicArn=topic, Message="é" * (MAX_MESSAGE_BYTES // 2 + 1), message=too_long)
        self.sns.publish(TopicArn=topic, Message="a" * MAX_MESSAGE_BYTES)
        # Message attributes count too: name, data type and value.
        attributes = {"attr1": {"DataType": "Number", "StringValue": "1"}}
        body = "a" * (MAX_MESSAGE_BYTES - len("attr1") - len("Number") - len("1") + 1)
        self.assert_invalid_parameter(self.sns.publish, TopicArn=topic, Message=body, MessageAttributes=attributes, message=too_long)
        self.sns.publish(TopicArn=topic, Message=body[:-1], MessageAttributes=attributes)

    def test_invalid_message_attributes(self):
        topic = self.create_topic()
        cases = {
            "empty string": ({"attr1": {"DataType": "String", "StringValue": ""}},
                             "The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'String'."),
            "no string value": ({"attr1": {"DataType": "String"}},
                                "The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'String'."),
            "empty binary": ({"attr1": {"DataType": "Binary", "BinaryValue": b""}},
                             "The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'Binary'."),
            "string with binary value": ({"attr1": {"DataType": "String", "BinaryValue": b"123"}},
                                         "The message attribute 'attr1' with type 'String' must use field 'String'."),
            "number with binary value": ({"attr1": {"DataType": "Number", "BinaryValue": b"123"}},
                                         "The message attribute 'attr1' with type 'Number' must use field 'String'."),
            "binary with string value": ({"attr1": {"DataType": "Binary", "StringValue": "123"}},
                                         "The message attribute 'attr1' with type 'Binary' must use field 'Binary'."),
            "unknown type": ({"attr1": {"DataType": "InvalidType", "StringValue": "123"}},
                             "The message attribute 'attr1' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."),
            "empty custom label": ({"attr1": {"DataType": "String.", "StringValue": "prefixed"}},
                                   "The message attribute 'attr1' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."),
            "prefix without dot": ({"attr1": {"DataType": "Stringprefixed", "StringValue": "prefixed"}},
                                   "The message attribute 'attr1' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."),
            "name too long": ({"a" * 257: {"DataType": "String", "StringValue": "123"}},
                              "Length of message attribute name must be less than 256 bytes."),
            "invalid character": ({"a^*?": {"DataType": "String", "StringValue": "123"}},
                                  "Invalid non-alphanumeric character '#x5E' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots."),
            "leading dot": ({".abc": {"DataType": "String", "StringValue": "123"}},
                            "Invalid message attribute name starting with character '.' was found."),
            "trailing dot": ({"abc.": {"DataType": "String", "StringValue": "123"}},
                             "Invalid message attribute name ending with character '.' was found."),
            "successive dots": ({"a..bc": {"DataType": "String", "StringValue": "123"}},
                                "Message attribute name can not have successive '.' character."),
        }
        for case, (attributes, message) in cases.items():
            with self.subTest(case):
                self.assert_error("ParameterValueInvalid", self.sns.publish, TopicArn=topic, Message="test message",
                                  MessageAttributes=attributes, message=message)

    def test_custom_attribute_types_are_accepted(self):
        topic = self.create_topic()
        for data_type in ["String.prefixed", "String.  prefixed.", "Number.int", "Binary.jpeg"]:
            with self.subTest(data_type=data_type):
                value = {"BinaryValue": b"\x01"} if data_type.startswith("Binary") else {"StringValue": "1"}
                self.sns.publish(TopicArn=topic, Message="m", MessageAttributes={"attr1": {"DataType": data_type, **value}})

    def test_publish_needs_exactly_one_target(self):
        topic = self.create_topic()
        self.assert_invalid_parameter(self.sns.publish, TopicArn=topic, TargetArn=topic, Message="m")
        status, _, body = signed_query({"Action": "Publish", "Message": "m"})
        self.assertEqual(400, status, body)
        self.assertEqual("InvalidParameter", xml_find(body, "ErrorResponse/Error/Code"))


class ErrorShapeTests(SnsTestCase):
    def test_error_xml_of_the_query_protocol(self):
        status, headers, body = signed_query({"Action": "Publish", "TopicArn": topic_arn_of(unique("missing")), "Message": "m"})
        self.assertEqual(404, status, body)
        self.assertTrue(headers.get("content-type", "").startswith("text/xml"), headers)
        self.assertEqual("ErrorResponse", xml_root_name(body))
        self.assertIn(SNS_XML_NAMESPACE.encode(), body)
        self.assertEqual("Sender", xml_find(body, "ErrorResponse/Error/Type"))
        self.assertEqual("NotFound", xml_find(body, "ErrorResponse/Error/Code"))
        self.assertEqual("Topic does not exist", xml_find(body, "ErrorResponse/Error/Message"))
        request_id = xml_find(body, "ErrorResponse/RequestId")
        self.assertTrue(request_id)
        self.assertEqual(request_id, headers.get("x-amzn-requestid"))

    def test_success_xml_of_the_query_protocol(self):
        name = unique("t")
        status, headers, body = signed_query({"Action": "CreateTopic", "Name": name})
        self.addCleanup(self._quietly, self.sns.delete_topic, TopicArn=topic_arn_of(name))
        self.assertEqual(200, status, body)
        self.assertEqual("CreateTopicResponse", xml_root_name(body))
        self.assertIn(SNS_XML_NAMESPACE.encode(), body)
        self.assertEqual(topic_arn_of(name), xml_find(body, "CreateTopicResponse/CreateTopicResult/TopicArn"))
        self.assertTrue(xml_find(body, "CreateTopicResponse/ResponseMetadata/RequestId"))

    def test_unknown_action(self):
        status, _, body = signed_query({"Action": "DescribeEverything"})
        self.assertEqual(400, status, body)
        self.assertEqual("InvalidAction", xml_find(body, "ErrorResponse/Error/Code"))


class UnsupportedFeatureTests(SnsTestCase):
    """Conflux delivers to queues and HTTP/S endpoints only: the other protocols, SMS and mobile push are refused."""

    def test_unsupported_protocols_are_rejected(self):
        topic = self.create_topic()
        for protocol, endpoint in [("email", "someone@example.com"), ("email-json", "someone@example.com"),
                                   ("sms", "+15555550100"), ("lambda", f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:f"),
                                   ("application", f"arn:aws:sns:{REGION}:{ACCOUNT}:endpoint/GCM/app/0"),
                                   ("firehose", f"arn:aws:firehose:{REGION}:{ACCOUNT}:deliverystream/s")]:
            with self.subTest(protocol=protocol):
                self.assert_invalid_parameter(self.sns.subscribe, TopicArn=topic, Protocol=protocol, Endpoint=endpoint)
        self.assertEqual([], self.list_all_subscriptions(topic))

    def test_sms_publish_is_rejected(self):
        self.assert_invalid_parameter(self.sns.publish, PhoneNumber="+15555550100", Message="hello",
                                      message_contains="not supported")

    def test_sms_and_platform_actions_are_rejected(self):
        calls = {
            "CreatePlatformApplication": lambda: self.sns.create_platform_application(Name="app", Platform="GCM",
                                                                                     Attributes={"PlatformCredential": "x"}),
            "ListPlatformApplications": lambda: self.sns.list_platform_applications(),
            "CreatePlatformEndpoint": lambda: self.sns.create_platform_endpoint(
                PlatformApplicationArn=f"arn:aws:sns:{REGION}:{ACCOUNT}:app/GCM/app", Token="t"),
            "ListPhoneNumbersOptedOut": lambda: self.sns.list_phone_numbers_opted_out(),
            "CheckIfPhoneNumberIsOptedOut": lambda: self.sns.check_if_phone_number_is_opted_out(phoneNumber="+15555550100"),
            "GetSMSAttributes": lambda: self.sns.get_sms_attributes(),
            "SetSMSAttributes": lambda: self.sns.set_sms_attributes(attributes={"DefaultSMSType": "Transactional"}),
            "GetSMSSandboxAccountStatus": lambda: self.sns.get_sms_sandbox_account_status(),
            "ListOriginationNumbers": lambda: self.sns.list_origination_numbers(),
        }
        for action, call in calls.items():
            with self.subTest(action=action):
                self.assert_invalid_parameter(call, message_contains="not supported")
