"""Shared by every face's Python suite: endpoint, clients, unique names, polling, raw HTTP, the aws CLI environment."""
import os
import time
import urllib.error
import urllib.request
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


def wait_until(predicate, timeout=10.0, interval=0.05):
    """Polls until predicate() returns something truthy; returns it, or the last falsy value on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result or time.monotonic() >= deadline:
            return result
        time.sleep(interval)


def http_request(method, url, body=None, headers=None, timeout=30):
    """Raw HTTP: returns (status, headers dict with lower-case names, body bytes). Never raises on 4xx/5xx."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def cli_environment():
    """Environment for the aws CLI: test credentials, no profile, config or pager from the machine."""
    env = dict(os.environ)
    env.update({
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_PAGER": "",
    })
    env.pop("AWS_PROFILE", None)
    return env
