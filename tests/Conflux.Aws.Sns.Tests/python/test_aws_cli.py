"""The machine's `aws` CLI against the server: the everyday SNS commands end to end, and an error's exit code and
stderr. Each CLI call costs about half a second, so the calls are few and grouped."""
import json
import shutil
import subprocess

from conflux import ENDPOINT, REGION, cli_environment, unique
from sns_support import SnsTestCase, topic_arn_of




class AwsCliTests(SnsTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.aws_path = shutil.which("aws")
        cls.env = cli_environment()

    def run_cli(self, *args):
        """Runs `aws sns <args>`; returns (exit code, parsed stdout or {}, stderr)."""
        self.assertIsNotNone(self.aws_path, "the aws CLI is not on PATH")
        completed = subprocess.run([self.aws_path, "--endpoint-url", ENDPOINT, "--region", REGION, "--output", "json",
                                    "sns", *args], env=self.env, capture_output=True, text=True, timeout=60)
        stdout = completed.stdout.strip()
        return completed.returncode, json.loads(stdout) if stdout else {}, completed.stderr

    def cli(self, *args):
        code, output, stderr = self.run_cli(*args)
        self.assertEqual(0, code, f"aws sns {' '.join(args)} failed: {stderr}")
        return output

    def test_topic_subscribe_publish_list_and_delete(self):
        name = unique("cli")
        arn = self.cli("create-topic", "--name", name, "--attributes", "DisplayName=From the CLI",
                       "--tags", "Key=team,Value=platform")["TopicArn"]
        self.addCleanup(self._quietly, self.sns.delete_topic, TopicArn=arn)
        self.assertEqual(topic_arn_of(name), arn)

        queue = self.create_queue()
        queue_arn = self.allow_topic(queue, arn)
        subscription = self.cli("subscribe", "--topic-arn", arn, "--protocol", "sqs", "--notification-endpoint", queue_arn,
                                "--attributes", "RawMessageDelivery=true", "--return-subscription-arn")["SubscriptionArn"]
        self.assertTrue(subscription.startswith(arn + ":"), subscription)

        published = self.cli("publish", "--topic-arn", arn, "--message", "from the CLI", "--subject", "cli",
                             "--message-attributes", json.dumps({"k": {"DataType": "String", "StringValue": "v"}}))
        self.assertIn("MessageId", published)
        message = self.receive_one(queue, MessageAttributeNames=["All"])
        self.assertEqual("from the CLI", message["Body"])
        self.assertEqual({"k": {"DataType": "String", "StringValue": "v"}}, message["MessageAttributes"])

        self.assertIn(arn, [t["TopicArn"] for t in self.cli("list-topics")["Topics"]])
        listed = self.cli("list-subscriptions-by-topic", "--topic-arn", arn)["Subscriptions"]
        self.assertEqual([(subscription, "sqs", queue_arn)], [(s["SubscriptionArn"], s["Protocol"], s["Endpoint"]) for s in listed])
        attributes = self.cli("get-topic-attributes", "--topic-arn", arn)["Attributes"]
        self.assertEqual(("From the CLI", "1"), (attributes["DisplayName"], attributes["SubscriptionsConfirmed"]))

        self.assertEqual({}, self.cli("delete-topic", "--topic-arn", arn))
        code, _, stderr = self.run_cli("get-topic-attributes", "--topic-arn", arn)
        self.assertEqual(255, code)
        self.assertIn("An error occurred (NotFound) when calling the GetTopicAttributes operation: Topic does not exist", stderr)

    def test_publish_errors(self):
        code, _, stderr = self.run_cli("publish", "--topic-arn", topic_arn_of(unique("missing")), "--message", "m")
        self.assertEqual(255, code)
        self.assertIn("An error occurred (NotFound) when calling the Publish operation: Topic does not exist", stderr)
        arn = self.create_topic()
        code, _, stderr = self.run_cli("publish", "--topic-arn", arn, "--message", "")
        self.assertEqual(255, code)
        self.assertIn("(InvalidParameter)", stderr)
        self.assertIn("Invalid parameter: Empty message", stderr)
