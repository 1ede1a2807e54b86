import unittest

from conflux import sqs_client, unique


class SmokeTests(unittest.TestCase):
    def test_create_send_receive_delete(self):
        sqs = sqs_client()
        url = sqs.create_queue(QueueName=unique())["QueueUrl"]
        sqs.send_message(QueueUrl=url, MessageBody="hello")
        messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)["Messages"]
        self.assertEqual("hello", messages[0]["Body"])
        sqs.delete_message(QueueUrl=url, ReceiptHandle=messages[0]["ReceiptHandle"])
        self.assertNotIn("Messages", sqs.receive_message(QueueUrl=url))
