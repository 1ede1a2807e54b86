"""Shared helpers for the Python suites: endpoint, clients, unique names."""
import os
import uuid

import boto3
from botocore.config import Config

ENDPOINT = os.environ.get("CONFLUX_ENDPOINT", "http://127.0.0.1:4566")
REGION = "us-east-1"
ACCOUNT = "000000000000"


def _client(service, **config):
    return boto3.client(
        service,
        endpoint_url=ENDPOINT,
        region_name=REGION,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}, **config),
    )


def sqs_client(**config):
    return _client("sqs", **config)


def sns_client(**config):
    return _client("sns", **config)


def unique(prefix="q"):
    return f"{prefix}-{uuid.uuid4().hex[:12]}"
