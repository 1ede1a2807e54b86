"""HTTP subscriptions against an in-test HTTP server: the SubscriptionConfirmation request and its signature,
confirming through the SubscribeURL and the ConfirmSubscription API, notifications (headers, envelope, signature,
raw delivery), the UnsubscribeURL, retries under a DeliveryPolicy, the dead-letter queue, and a down endpoint
not holding up the queues of the same topic."""
import json
import time

from conflux import unique
from sns_support import (DEFAULT_RETRY_POLICY, UUID, HttpTestCase, closed_port_url, http_request, verify_signature,
                         wait_until, xml_find, xml_root_name)

USER_AGENT = "Amazon Simple Notification Service Agent"
TEXT_PLAIN = "text/plain; charset=UTF-8"
CONFIRMATION_FIELDS = ["Type", "MessageId", "Token", "TopicArn", "Message", "SubscribeURL", "Timestamp",
                       "SignatureVersion", "Signature", "SigningCertURL"]
FAST_RETRIES = {"healthyRetryPolicy": {"minDelayTarget": 1, "maxDelayTarget": 1, "numRetries": 1}}


def subscribe_message(topic_arn):
    return (f"You have chosen to subscribe to the topic {topic_arn}.\n"
            "To confirm the subscription, visit the SubscribeURL included in this message.")


def unsubscribe_message(subscription_arn):
    return (f"You have chosen to deactivate subscription {subscription_arn}.\n"
            "To cancel this operation and restore the subscription, visit the SubscribeURL included in this message.")


def fail_notifications(times):
    """A responder answering 500 to the first `times` notifications (all, for None) and 200 to everything else."""
    return lambda request, index: 500 if request.message_type == "Notification" and (times is None or index < times) else 200


class ConfirmationTests(HttpTestCase):
    def test_subscription_confirmation_request(self):
        topic = self.create_topic()
        endpoint = self.endpoint()
        self.assertEqual("pending confirmation", self.subscribe_http(topic, endpoint.url, return_arn=False))
        request = self.confirmation(endpoint)
        self.assertEqual(("POST", "/sns-endpoint"), (request.method, request.path))
        document = json.loads(request.body, object_pairs_hook=dict)
        self.assertEqual(CONFIRMATION_FIELDS, list(document))
        self.assertEqual("SubscriptionConfirmation", request.headers.get("x-amz-sns-message-type"))
        self.assertEqual(document["MessageId"], request.headers.get("x-amz-sns-message-id"))
        self.assertEqual(topic, request.headers.get("x-amz-sns-topic-arn"))
        self.assertNotIn("x-amz-sns-subscription-arn", request.headers)
        self.assertEqual(TEXT_PLAIN, request.headers.get("content-type"))
        self.assertEqual(USER_AGENT, request.headers.get("user-agent"))

        self.assertEqual("SubscriptionConfirmation", document["Type"])
        self.assertRegex(document["MessageId"], UUID)
        self.assertTrue(document["Token"])
        self.assertEqual(topic, document["TopicArn"])
        self.assertEqual(subscribe_message(topic), document["Message"])
        self.assert_service_url(document["SubscribeURL"],
                                f"/?Action=ConfirmSubscription&TopicArn={topic}&Token={document['Token']}")
        self.assert_timestamp_recent(document["Timestamp"])
        self.assertEqual("1", document["SignatureVersion"])
        self.assert_signing_cert_url(document["SigningCertURL"])
        verify_signature(document)

        listed = self.sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
        self.assertEqual([{"SubscriptionArn": "PendingConfirmation", "Owner": listed[0]["Owner"], "Protocol": "http",
                           "Endpoint": endpoint.url, "TopicArn": topic}], listed)
        attributes = self.topic_attributes(topic)
        self.assertEqual(("0", "1"), (attributes["SubscriptionsConfirmed"], attributes["SubscriptionsPending"]))

    def test_confirmation_signed_with_signature_version_2(self):
        topic = self.create_topic(attributes={"SignatureVersion": "2"})
        endpoint = self.endpoint()
        self.subscribe_http(topic, endpoint.url)
        document = self.confirmation(endpoint).json()
        self.assertEqual("2", document["SignatureVersion"])
        verify_signature(document)

    def test_pending_subscription_gets_nothing_until_confirmed_through_the_subscribe_url(self):
        topic = self.create_topic()
        endpoint = self.endpoint()
        _, witness = self.subscribe_queue(topic, raw=True)
        arn = self.subscribe_http(topic, endpoint.url)
        self.assertTrue(arn.startswith(topic + ":"), arn)
        attributes = self.subscription_attributes(arn)
        self.assertEqual(("true", "false", "http", endpoint.url, "false"),
                         (attributes["PendingConfirmation"], attributes["ConfirmationWasAuthenticated"],
                          attributes["Protocol"], attributes["Endpoint"], attributes["RawMessageDelivery"]))
        self.assertEqual({"healthyRetryPolicy": DEFAULT_RETRY_POLICY, "sicklyRetryPolicy": None, "throttlePolicy": None,
                          "requestPolicy": {"headerContentType": TEXT_PLAIN}, "guaranteed": False},
                         json.loads(attributes["EffectiveDeliveryPolicy"]))
        document = self.confirmation(endpoint).json()

        self.sns.publish(TopicArn=topic, Message="before confirmation")
        self.assertEqual("before confirmation", self.receive_one(witness)["Body"])
        time.sleep(0.5)
        self.assertEqual([], endpoint.of_type("Notification"))

        status, headers, body = http_request("GET", document["SubscribeURL"])
        self.assertEqual(200, status, body)
        self.assertEqual("ConfirmSubscriptionResponse", xml_root_name(body))
        self.assertEqual(arn, xml_find(body, "ConfirmSubscriptionResponse/ConfirmSubscriptionResult/SubscriptionArn"))
        self.assertTrue(xml_find(body, "ConfirmSubscriptionResponse/ResponseMetadata/RequestId"))
        self.assertEqual("false", self.subscription_attributes(arn)["PendingConfirmation"])
        self.assertEqual([arn], [s["SubscriptionArn"] for s in self.sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
                                 if s["Protocol"] == "http"])
        counts = self.topic_attributes(topic)
        self.assertEqual(("2", "0"), (counts["SubscriptionsConfirmed"], counts["SubscriptionsPending"]))
        # Confirming again is harmless.
        status, _, body = http_request("GET", document["SubscribeURL"])
        self.assertEqual((200, arn), (status, xml_find(body, "ConfirmSubscriptionResponse/ConfirmSubscriptionResult/SubscriptionArn")))

        published = self.sns.publish(TopicArn=topic, Message="after confirmation", Subject="Hello")
        notifications = endpoint.wait_for("Notification")
        self.assertEqual(1, len(notifications), notifications)
        request = notifications[0]
        self.assertEqual(published["MessageId"], request.headers.get("x-amz-sns-message-id"))
        self.assertEqual(topic, request.headers.get("x-amz-sns-topic-arn"))
        self.assertEqual(arn, request.headers.get("x-amz-sns-subscription-arn"))
        self.assertEqual(TEXT_PLAIN, request.headers.get("content-type"))
        self.assertEqual(USER_AGENT, request.headers.get("user-agent"))
        self.assertNotIn("x-amz-sns-rawdelivery", request.headers)
        self.assert_notification(request.body, message_id=published["MessageId"], topic_arn=topic, subscription_arn=arn,
                                 message="after confirmation", subject="Hello")
        time.sleep(0.3)
        self.assertEqual(1, len(endpoint.of_type("Notification")), "the message published before confirmation arrived")

    def test_confirm_with_the_api(self):
        topic = self.create_topic()
        endpoint = self.endpoint()
        arn = self.subscribe_http(topic, endpoint.url)
        token = self.confirmation(endpoint).json()["Token"]
        self.assertEqual(arn, self.sns.confirm_subscription(TopicArn=topic, Token=token,
                                                            AuthenticateOnUnsubscribe="true")["SubscriptionArn"])
        attributes = self.subscription_attributes(arn)
        self.assertEqual(("false", "true"), (attributes["PendingConfirmation"], attributes["ConfirmationWasAuthenticated"]))
        self.assertEqual(arn, self.sns.confirm_subscription(TopicArn=topic, Token=token)["SubscriptionArn"])
        published = self.sns.publish(TopicArn=topic, Message="confirmed by API")
        request = endpoint.wait_for("Notification")[0]
        self.assertEqual(published["MessageId"], request.json()["MessageId"])
        verify_signature(request.json())

    def test_confirm_errors(self):
        topic = self.create_topic()
        endpoint = self.endpoint()
        arn = self.subscribe_http(topic, endpoint.url)
        token = self.confirmation(endpoint).json()["Token"]
        well_formed = "51b2ff3edb475b7d91550e0ab6edf0c1de2a34e6ebaf6c2262a001bcb7e051c43aa00022ceecce70bd2a67b2042da8d8eb47fef7a4e4e942d23e7fa56146b9ee35da040b4b8af564cc4184a7391c834cb75d75c22981f776ad1ce8805e9bab29da2329985337bb8095627907b46c8577c8440556b6f86582a954758026f41fc62041c4b3f67b0f5921232b5dae5aaca1"
        self.assert_invalid_parameter(self.sns.confirm_subscription, TopicArn=topic[:-1] + "i", Token=well_formed,
                                      message="Invalid parameter: Token")
        self.assert_invalid_parameter(self.sns.confirm_subscription, TopicArn=topic, Token=well_formed,
                                      message="Invalid parameter: Token")
        self.assert_invalid_parameter(self.sns.confirm_subscription, TopicArn=topic, Token="randomtoken",
                                      message="Invalid token")
        document = self.confirmation(endpoint).json()
        base = document["SubscribeURL"].split("/?")[0]
        status, _, body = http_request("GET", f"{base}/?Action=ConfirmSubscription&TopicArn=not-an-arn&Token={token}")
        self.assertEqual((400, "InvalidParameter", "Invalid parameter: Topic"),
                         (status, xml_find(body, "ErrorResponse/Error/Code"), xml_find(body, "ErrorResponse/Error/Message")))
        status, _, body = http_request("GET", f"{base}/?Action=ConfirmSubscription&TopicArn={topic}&Token=abc123")
        self.assertEqual((400, "InvalidParameter", "Invalid parameter: Token"),
                         (status, xml_find(body, "ErrorResponse/Error/Code"), xml_find(body, "ErrorResponse/Error/Message")))
        self.assertEqual("true", self.subscription_attributes(arn)["PendingConfirmation"])

    def test_subscribing_again_while_pending_resends_the_confirmation(self):
        topic = self.create_topic()
        endpoint = self.endpoint()
        first = self.subscribe_http(topic, endpoint.url)
        self.confirmation(endpoint)
        self.assertEqual(first, self.subscribe_http(topic, endpoint.url))
        confirmations = endpoint.wait_for("SubscriptionConfirmation", count=2)
        self.assertEqual(2, len(confirmations))
        self.assertEqual(1, len(self.sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]))

    def test_endpoint_must_match_the_protocol(self):
        topic = self.create_topic()
        self.assert_invalid_parameter(self.sns.subscribe, TopicArn=topic, Protocol="http", Endpoint="https://example.com/x")
        self.assert_invalid_parameter(self.sns.subscribe, TopicArn=topic, Protocol="https", Endpoint="http://example.com/x")
        self.assert_invalid_parameter(self.sns.subscribe, TopicArn=topic, Protocol="http", Endpoint="not a url")


class NotificationTests(HttpTestCase):
    def test_raw_delivery(self):
        topic = self.create_topic()
        endpoint = self.endpoint()
        arn = self.confirmed_http_subscription(topic, endpoint, {"RawMessageDelivery": "true"})
        published = self.sns.publish(TopicArn=topic, Message="raw ✓ body", Subject="ignored",
                                     MessageAttributes={"a": {"DataType": "String", "StringValue": "not sent"}})
        request = endpoint.wait_for("Notification")[0]
        self.assertEqual("raw ✓ body".encode("utf-8"), request.body)
        self.assertEqual("true", request.headers.get("x-amz-sns-rawdelivery"))
        self.assertEqual(published["MessageId"], request.headers.get("x-amz-sns-message-id"))
        self.assertEqual(arn, request.headers.get("x-amz-sns-subscription-arn"))
        self.assertEqual(topic, request.headers.get("x-amz-sns-topic-arn"))
        self.assertEqual(TEXT_PLAIN, request.headers.get("content-type"))

    def test_json_message_structure_uses_the_http_key(self):
        topic = self.create_topic()
        endpoint = self.endpoint()
        arn = self.confirmed_http_subscription(topic, endpoint)
        published = self.sns.publish(TopicArn=topic, MessageStructure="json",
                                     Message=json.dumps({"default": "default", "http": "for http", "sqs": "for sqs"}))
        request = endpoint.wait_for("Notification")[0]
        self.assert_notification(request.body, message_id=published["MessageId"], topic_arn=topic, subscription_arn=arn,
                                 message="for http")

    def test_topic_delivery_policy_sets_the_content_type(self):
        topic = self.create_topic(attributes={"DeliveryPolicy": json.dumps(
            {"http": {"defaultRequestPolicy": {"headerContentType": "application/json"}}})})
        endpoint = self.endpoint()
        self.confirmed_http_subscription(topic, endpoint)
        self.assertEqual(TEXT_PLAIN, endpoint.of_type("SubscriptionConfirmation")[0].headers.get("content-type"))
        self.sns.publish(TopicArn=topic, Message="json please")
        self.assertEqual("application/json", endpoint.wait_for("Notification")[0].headers.get("content-type"))

    def test_unsubscribe_url_removes_the_subscription(self):
        topic = self.create_topic()
        endpoint = self.endpoint()
        _, witness = self.subscribe_queue(topic, raw=True)
        arn = self.confirmed_http_subscription(topic, endpoint)
        self.sns.publish(TopicArn=topic, Message="first")
        document = endpoint.wait_for("Notification")[0].json()
        self.receive_one(witness)
        status, _, body = http_request("GET", document["UnsubscribeURL"])
        self.assertEqual(200, status, body)
        self.assertEqual("UnsubscribeResponse", xml_root_name(body))
        self.assertTrue(xml_find(body, "UnsubscribeResponse/ResponseMetadata/RequestId"))
        self.assert_error("NotFound", self.sns.get_subscription_attributes, SubscriptionArn=arn, status=404)
        self.sns.publish(TopicArn=topic, Message="second")
        self.assertEqual("second", self.receive_one(witness)["Body"])
        time.sleep(0.5)
        self.assertEqual(["first"], [r.json()["Message"] for r in endpoint.of_type("Notification")])

    def test_unsubscribe_confirmation(self):
        topic = self.create_topic()
        endpoint = self.endpoint()
        arn = self.confirmed_http_subscription(topic, endpoint)
        self.sns.publish(TopicArn=topic, Message="first")
        document = endpoint.wait_for("Notification")[0].json()
        http_request("GET", document["UnsubscribeURL"])
        requests = endpoint.wait_for("UnsubscribeConfirmation")
        self.assertEqual(1, len(requests), "no UnsubscribeConfirmation arrived")
        request = requests[0]
        confirmation = json.loads(request.body, object_pairs_hook=dict)
        self.assertEqual(["Type"] + CONFIRMATION_FIELDS[1:], list(confirmation))
        self.assertEqual(arn, request.headers.get("x-amz-sns-subscription-arn"))
        self.assertEqual(topic, request.headers.get("x-amz-sns-topic-arn"))
        self.assertEqual(confirmation["MessageId"], request.headers.get("x-amz-sns-message-id"))
        self.assertEqual("UnsubscribeConfirmation", confirmation["Type"])
        self.assertEqual(unsubscribe_message(arn), confirmation["Message"])
        self.assert_service_url(confirmation["SubscribeURL"],
                                f"/?Action=ConfirmSubscription&TopicArn={topic}&Token={confirmation['Token']}")
        verify_signature(confirmation)


class RetryTests(HttpTestCase):
    def test_a_failed_delivery_is_retried(self):
        topic = self.create_topic()
        endpoint = self.endpoint(fail_notifications(1))
        policy = {"healthyRetryPolicy": {"minDelayTarget": 1, "maxDelayTarget": 1, "numRetries": 3}}
        arn = self.confirmed_http_subscription(topic, endpoint, {"DeliveryPolicy": json.dumps(policy)})
        stored = json.loads(self.subscription_attributes(arn)["DeliveryPolicy"])
        self.assertEqual(policy["healthyRetryPolicy"], stored["healthyRetryPolicy"])
        published = self.sns.publish(TopicArn=topic, Message="try again")
        attempts = endpoint.wait_for("Notification", count=2, timeout=10)
        self.assertEqual(2, len(attempts), attempts)
        self.assertEqual([published["MessageId"]] * 2, [a.json()["MessageId"] for a in attempts])
        self.assertGreaterEqual(attempts[1].received_at - attempts[0].received_at, 0.5)
        time.sleep(1.5)
        self.assertEqual(2, len(endpoint.of_type("Notification")), "delivered again after a 200")

    def test_delivery_policy_of_a_subscription(self):
        topic = self.create_topic()
        endpoint = self.endpoint()
        arn = self.subscribe_http(topic, endpoint.url)
        retry = dict(DEFAULT_RETRY_POLICY, minDelayTarget=1, maxDelayTarget=1, numRetries=0)
        policy = {"healthyRetryPolicy": retry, "sicklyRetryPolicy": None, "throttlePolicy": {"maxReceivesPerSecond": 1000},
                  "guaranteed": False}
        self.sns.set_subscription_attributes(SubscriptionArn=arn, AttributeName="DeliveryPolicy", AttributeValue=json.dumps(policy))
        attributes = self.subscription_attributes(arn)
        self.assertEqual(dict(policy, requestPolicy=None), json.loads(attributes["DeliveryPolicy"]))
        self.assertEqual(dict(policy, requestPolicy={"headerContentType": TEXT_PLAIN}),
                         json.loads(attributes["EffectiveDeliveryPolicy"]))

        self.sns.set_subscription_attributes(SubscriptionArn=arn, AttributeName="DeliveryPolicy",
                                             AttributeValue=json.dumps({"requestPolicy": {"headerContentType": "text/csv"}}))
        attributes = self.subscription_attributes(arn)
        self.assertEqual({"healthyRetryPolicy": None, "sicklyRetryPolicy": None, "throttlePolicy": None,
                          "requestPolicy": {"headerContentType": "text/csv"}, "guaranteed": False},
                         json.loads(attributes["DeliveryPolicy"]))
        self.assertEqual({"healthyRetryPolicy": DEFAULT_RETRY_POLICY, "sicklyRetryPolicy": None, "throttlePolicy": None,
                          "requestPolicy": {"headerContentType": "text/csv"}, "guaranteed": False},
                         json.loads(attributes["EffectiveDeliveryPolicy"]))

    def test_invalid_delivery_policies_are_rejected(self):
        topic = self.create_topic()
        endpoint = self.endpoint()
        arn = self.subscribe_http(topic, endpoint.url)
        retry = lambda **fields: json.dumps({"healthyRetryPolicy": dict({"minDelayTarget": 1, "maxDelayTarget": 1, "numRetries": 1}, **fields)})
        for policy in ["{not json", retry(minDelayTarget=5, maxDelayTarget=1), retry(numRetries=101),
                       retry(minDelayTarget=0), retry(maxDelayTarget=3601), retry(numRetries=1, numNoDelayRetries=2),
                       retry(backoffFunction="sideways"), json.dumps({"healthyRetryPolicy": {"minDelayTarget": 1}}),
                       json.dumps({"unknownPolicy": {}})]:
            with self.subTest(policy=policy):
                self.assert_invalid_parameter(self.sns.set_subscription_attributes, SubscriptionArn=arn,
                                              AttributeName="DeliveryPolicy", AttributeValue=policy)
        self.assertNotIn("DeliveryPolicy", self.subscription_attributes(arn))
        self.assert_invalid_parameter(self.sns.subscribe, TopicArn=topic, Protocol="http", Endpoint=endpoint.url + "/other",
                                      Attributes={"DeliveryPolicy": retry(numRetries=101)})

    def test_undeliverable_message_goes_to_the_dead_letter_queue(self):
        topic = self.create_topic()
        endpoint = self.endpoint(fail_notifications(None))
        dlq = self.create_queue(prefix="dlq")
        dlq_arn = self.allow_topic(dlq, topic)
        arn = self.confirmed_http_subscription(topic, endpoint, {
            "DeliveryPolicy": json.dumps(FAST_RETRIES),
            "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn}),
        })
        published = self.sns.publish(TopicArn=topic, Message="nobody takes this")
        message = self.receive_one(dlq, timeout=15)
        envelope = json.loads(message["Body"])
        self.assertEqual(("Notification", published["MessageId"], "nobody takes this"),
                         (envelope["Type"], envelope["MessageId"], envelope["Message"]))
        self.assertTrue(envelope["UnsubscribeURL"].endswith(f"SubscriptionArn={arn}"))
        self.assertEqual(2, len(endpoint.of_type("Notification")), "expected the first attempt and one retry")

    def test_a_down_endpoint_does_not_delay_queue_delivery(self):
        topic = self.create_topic()
        endpoint = self.endpoint()
        self.confirmed_http_subscription(topic, endpoint)
        endpoint.close()
        _, queue = self.subscribe_queue(topic, raw=True)
        started = time.monotonic()
        self.sns.publish(TopicArn=topic, Message="queues first")
        self.assertLess(time.monotonic() - started, 2, "Publish waited for the HTTP endpoint")
        self.assertEqual("queues first", self.receive_one(queue, timeout=3)["Body"])
        self.assertLess(time.monotonic() - started, 3, "the queue waited for the HTTP endpoint")

    def test_a_closed_port_endpoint_stays_pending(self):
        topic = self.create_topic()
        arn = self.subscribe_http(topic, closed_port_url())
        _, queue = self.subscribe_queue(topic, raw=True)
        self.sns.publish(TopicArn=topic, Message="still delivered to queues")
        self.assertEqual("still delivered to queues", self.receive_one(queue, timeout=3)["Body"])
        self.assertEqual("true", self.subscription_attributes(arn)["PendingConfirmation"])
