"""The machine's `aws` CLI against the server: every one of the 23 SQS actions at least once, plus exit
codes and stderr for errors. Each CLI call costs ~0.4 s, so the calls are few and grouped."""
import json
import shutil
import subprocess
import unittest

from conflux import ACCOUNT, ENDPOINT, REGION, cli_environment, sqs_client, unique
from sqs_support import arn_of, attributes_md5, md5_hex, wait_until




class AwsCliTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.aws_path = shutil.which("aws")
        cls.env = cli_environment()
        cls.boto = sqs_client()

    def run_cli(self, *args):
        """Runs `aws sqs <args>`; returns (exit code, parsed stdout or {}, stderr)."""
        self.assertIsNotNone(self.aws_path, "the aws CLI is not on PATH")
        completed = subprocess.run([self.aws_path, "--endpoint-url", ENDPOINT, "--output", "json", "sqs", *args],
                                   env=self.env, capture_output=True, text=True, timeout=60)
        stdout = completed.stdout.strip()
        return completed.returncode, json.loads(stdout) if stdout else {}, completed.stderr

    def cli(self, *args):
        code, output, stderr = self.run_cli(*args)
        self.assertEqual(0, code, f"aws sqs {' '.join(args)} failed: {stderr}")
        return output

    def cleanup_queue(self, url):
        def delete():
            try:
                self.boto.delete_queue(QueueUrl=url)
            except Exception:
                pass
        self.addCleanup(delete)

    def test_queue_management_actions(self):
        name = unique("cli")
        url = self.cli("create-queue", "--queue-name", name, "--attributes", "VisibilityTimeout=45,DelaySeconds=0",
                       "--tags", "team=platform")["QueueUrl"]
        self.cleanup_queue(url)
        self.assertTrue(url.endswith(f"/{ACCOUNT}/{name}"), url)
        self.assertEqual(url, self.cli("get-queue-url", "--queue-name", name)["QueueUrl"])
        self.assertEqual([url], self.cli("list-queues", "--queue-name-prefix", name)["QueueUrls"])

        self.cli("set-queue-attributes", "--queue-url", url, "--attributes", "DelaySeconds=5,MaximumMessageSize=2048")
        attributes = self.cli("get-queue-attributes", "--queue-url", url, "--attribute-names", "All")["Attributes"]
        self.assertEqual(("45", "5", "2048", arn_of(url)), (attributes["VisibilityTimeout"], attributes["DelaySeconds"],
                                                           attributes["MaximumMessageSize"], attributes["QueueArn"]))

        self.cli("tag-queue", "--queue-url", url, "--tags", "env=test,owner=me")
        self.assertEqual({"team": "platform", "env": "test", "owner": "me"},
                         self.cli("list-queue-tags", "--queue-url", url)["Tags"])
        self.cli("untag-queue", "--queue-url", url, "--tag-keys", "team", "owner")
        self.assertEqual({"env": "test"}, self.boto.list_queue_tags(QueueUrl=url)["Tags"])

        self.cli("add-permission", "--queue-url", url, "--label", "cli-perm", "--aws-account-ids", ACCOUNT,
                 "--actions", "SendMessage", "ReceiveMessage")
        statement = json.loads(self.boto.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])["Attributes"]["Policy"])["Statement"][0]
        self.assertEqual(("cli-perm", ["SQS:SendMessage", "SQS:ReceiveMessage"]), (statement["Sid"], statement["Action"]))
        self.cli("remove-permission", "--queue-url", url, "--label", "cli-perm")
        self.assertNotIn("Policy", self.boto.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"])

        self.cli("delete-queue", "--queue-url", url)
        code, _, stderr = self.run_cli("get-queue-url", "--queue-name", name)
        self.assertEqual(255, code)
        self.assertIn("AWS.SimpleQueueService.NonExistentQueue", stderr)

    def test_message_actions(self):
        url = self.boto.create_queue(QueueName=unique("cli"))["QueueUrl"]
        self.cleanup_queue(url)
        attributes = {"color": {"DataType": "String", "StringValue": "blue & <green>"},
                      "count": {"DataType": "Number", "StringValue": "3"}}
        body = "hello from the CLI: ünïcödé & <xml>"
        sent = self.cli("send-message", "--queue-url", url, "--message-body", body,
                        "--message-attributes", json.dumps(attributes))
        self.assertEqual(md5_hex(body), sent["MD5OfMessageBody"])
        self.assertEqual(attributes_md5(attributes), sent["MD5OfMessageAttributes"])

        received = self.cli("receive-message", "--queue-url", url, "--attribute-names", "All",
                            "--message-attribute-names", "All", "--wait-time-seconds", "1")["Messages"]
        self.assertEqual(1, len(received))
        message = received[0]
        self.assertEqual((sent["MessageId"], body, attributes), (message["MessageId"], message["Body"], message["MessageAttributes"]))
        self.assertEqual("1", message["Attributes"]["ApproximateReceiveCount"])

        self.cli("change-message-visibility", "--queue-url", url, "--receipt-handle", message["ReceiptHandle"],
                 "--visibility-timeout", "0")
        again = self.boto.receive_message(QueueUrl=url, WaitTimeSeconds=1)["Messages"][0]
        self.cli("delete-message", "--queue-url", url, "--receipt-handle", again["ReceiptHandle"])

        batch = self.cli("send-message-batch", "--queue-url", url, "--entries", json.dumps(
            [{"Id": "one", "MessageBody": "b1"}, {"Id": "two", "MessageBody": "b2"}, {"Id": "bad", "MessageBody": "\u0001"}]))
        self.assertEqual({"one", "two"}, {e["Id"] for e in batch["Successful"]})
        self.assertEqual([("bad", "InvalidMessageContents")], [(e["Id"], e["Code"]) for e in batch["Failed"]])
        messages = []
        wait_until(lambda: messages.extend(self.boto.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1)
                                           .get("Messages", [])) or len(messages) >= 2, timeout=5)
        self.assertEqual({"b1", "b2"}, {m["Body"] for m in messages})

        changed = self.cli("change-message-visibility-batch", "--queue-url", url, "--entries", json.dumps(
            [{"Id": f"c{i}", "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": 60} for i, m in enumerate(messages)]))
        self.assertEqual({"c0", "c1"}, {e["Id"] for e in changed["Successful"]})
        deleted = self.cli("delete-message-batch", "--queue-url", url, "--entries", json.dumps(
            [{"Id": f"d{i}", "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)]))
        self.assertEqual({"d0", "d1"}, {e["Id"] for e in deleted["Successful"]})

        self.boto.send_message(QueueUrl=url, MessageBody="to be purged")
        self.cli("purge-queue", "--queue-url", url)
        self.assertEqual("0", self.boto.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])
                         ["Attributes"]["ApproximateNumberOfMessages"])

    def test_dead_letter_and_move_task_actions(self):
        dlq = self.boto.create_queue(QueueName=unique("cli-dlq"))["QueueUrl"]
        self.cleanup_queue(dlq)
        policy = json.dumps({"deadLetterTargetArn": arn_of(dlq), "maxReceiveCount": 1})
        source = self.cli("create-queue", "--queue-name", unique("cli-src"), "--attributes",
                          json.dumps({"RedrivePolicy": policy}))["QueueUrl"]
        self.cleanup_queue(source)
        destination = self.boto.create_queue(QueueName=unique("cli-dest"))["QueueUrl"]
        self.cleanup_queue(destination)
        self.assertEqual([source], self.cli("list-dead-letter-source-queues", "--queue-url", dlq)["queueUrls"])

        self.boto.send_message_batch(QueueUrl=dlq, Entries=[{"Id": str(i), "MessageBody": f"m{i}"} for i in range(8)])
        handle = self.cli("start-message-move-task", "--source-arn", arn_of(dlq), "--destination-arn", arn_of(destination),
                          "--max-number-of-messages-per-second", "1")["TaskHandle"]
        tasks = self.cli("list-message-move-tasks", "--source-arn", arn_of(dlq), "--max-results", "10")["Results"]
        self.assertEqual(1, len(tasks))
        self.assertEqual((arn_of(dlq), arn_of(destination), 1, 8),
                         (tasks[0]["SourceArn"], tasks[0]["DestinationArn"], tasks[0]["MaxNumberOfMessagesPerSecond"],
                          tasks[0]["ApproximateNumberOfMessagesToMove"]))
        if tasks[0]["Status"] == "RUNNING":
            self.assertEqual(handle, tasks[0]["TaskHandle"])
        cancelled = self.cli("cancel-message-move-task", "--task-handle", handle)
        self.assertIn("ApproximateNumberOfMessagesMoved", cancelled)

    def test_fifo_queue(self):
        name = unique("cli") + ".fifo"
        url = self.cli("create-queue", "--queue-name", name, "--attributes", "FifoQueue=true,ContentBasedDeduplication=true")["QueueUrl"]
        self.cleanup_queue(url)
        sent = self.cli("send-message", "--queue-url", url, "--message-body", "fifo-body", "--message-group-id", "g1")
        self.assertRegex(sent["SequenceNumber"], r"^\d+$")
        message = self.cli("receive-message", "--queue-url", url, "--attribute-names", "MessageGroupId", "SequenceNumber")["Messages"][0]
        self.assertEqual({"MessageGroupId": "g1", "SequenceNumber": sent["SequenceNumber"]}, message["Attributes"])

    def test_error_exit_codes_and_messages(self):
        code, output, stderr = self.run_cli("get-queue-url", "--queue-name", unique("missing"))
        self.assertEqual(255, code)
        self.assertEqual({}, output)
        self.assertIn("An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: "
                      "The specified queue does not exist.", stderr)

        code, _, stderr = self.run_cli("create-queue", "--queue-name", unique("cli"), "--attributes", "VisibilityTimeout=99999")
        self.assertEqual(255, code)
        self.assertIn("An error occurred (InvalidAttributeValue) when calling the CreateQueue operation: "
                      "Invalid value for the parameter VisibilityTimeout.", stderr)

        url = self.boto.create_queue(QueueName=unique("cli"))["QueueUrl"]
        self.cleanup_queue(url)
        code, _, stderr = self.run_cli("set-queue-attributes", "--queue-url", url, "--attributes", "NoSuchAttribute=1")
        self.assertEqual(255, code)
        self.assertIn("An error occurred (InvalidAttributeName) when calling the SetQueueAttributes operation: "
                      "Unknown Attribute NoSuchAttribute.", stderr)
