"""A botocore client for SQS over the query protocol (form-encoded Action=..., XML responses).

botocore dropped SQS's query model, so this derives one at test time from the installed JSON model:
metadata switched to query, each output wrapped in <Op>Result, every list and map flattened with the
member/entry names SQS's query API uses, and each error shape given its legacy query code. The model
is written to a temporary data directory that the client's loader searches first, so botocore's own
QuerySerializer and XML parser talk to the server."""
import copy
import json
import os
import tempfile

import botocore.session
from botocore.config import Config

from conflux import ENDPOINT, REGION

XML_NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/"

# Flattened list item names, by list shape.
LIST_ITEMS = {
    "AWSAccountIdList": "AWSAccountId",
    "ActionNameList": "ActionName",
    "AttributeNameList": "AttributeName",
    "MessageSystemAttributeList": "AttributeName",
    "MessageAttributeNameList": "MessageAttributeName",
    "TagKeyList": "TagKey",
    "QueueUrlList": "QueueUrl",
    "MessageList": "Message",
    "BatchResultErrorEntryList": "BatchResultErrorEntry",
    "SendMessageBatchRequestEntryList": "SendMessageBatchRequestEntry",
    "SendMessageBatchResultEntryList": "SendMessageBatchResultEntry",
    "DeleteMessageBatchRequestEntryList": "DeleteMessageBatchRequestEntry",
    "DeleteMessageBatchResultEntryList": "DeleteMessageBatchResultEntry",
    "ChangeMessageVisibilityBatchRequestEntryList": "ChangeMessageVisibilityBatchRequestEntry",
    "ChangeMessageVisibilityBatchResultEntryList": "ChangeMessageVisibilityBatchResultEntry",
    "ListMessageMoveTasksResultEntryList": "ListMessageMoveTasksResultEntry",
    "StringList": "StringListValue",
    "BinaryList": "BinaryListValue",
}

# Flattened map entry names, by the structure member holding the map.
MAP_ENTRIES = {
    "Attributes": "Attribute",
    "MessageAttributes": "MessageAttribute",
    "MessageSystemAttributes": "MessageSystemAttribute",
    "Tags": "Tag",
    "tags": "Tag",
}

# Map key/value element names, by map shape (Name/Value unless listed).
MAP_KEYS = {"TagMap": ("Key", "Value")}

# Legacy query error codes and statuses, by error shape (others use the shape name and 400).
ERROR_CODES = {
    "QueueDoesNotExist": ("AWS.SimpleQueueService.NonExistentQueue", 400),
    "QueueNameExists": ("QueueAlreadyExists", 400),
    "QueueDeletedRecently": ("AWS.SimpleQueueService.QueueDeletedRecently", 400),
    "BatchEntryIdsNotDistinct": ("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400),
    "BatchRequestTooLong": ("AWS.SimpleQueueService.BatchRequestTooLong", 400),
    "EmptyBatchRequest": ("AWS.SimpleQueueService.EmptyBatchRequest", 400),
    "InvalidBatchEntryId": ("AWS.SimpleQueueService.InvalidBatchEntryId", 400),
    "TooManyEntriesInBatchRequest": ("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400),
    "MessageNotInflight": ("AWS.SimpleQueueService.MessageNotInflight", 400),
    "PurgeQueueInProgress": ("AWS.SimpleQueueService.PurgeQueueInProgress", 403),
    "UnsupportedOperation": ("AWS.SimpleQueueService.UnsupportedOperation", 400),
    "OverLimit": ("OverLimit", 403),
    "ResourceNotFoundException": ("ResourceNotFoundException", 404),
}

_data_dir = None


def build_query_model(json_model):
    """The query-protocol SQS model derived from botocore's JSON one."""
    model = copy.deepcopy(json_model)
    metadata = model["metadata"]
    for key in ("targetPrefix", "jsonVersion", "awsQueryCompatible"):
        metadata.pop(key, None)
    metadata["protocol"] = "query"
    metadata["protocols"] = ["query"]
    metadata["xmlNamespace"] = XML_NAMESPACE

    for name, operation in model["operations"].items():
        if "output" in operation:
            operation["output"]["resultWrapper"] = f"{name}Result"

    shapes = model["shapes"]
    for name, shape in shapes.items():
        if shape["type"] == "list":
            shape["flattened"] = True
            shape["member"]["locationName"] = LIST_ITEMS.get(name, shape["member"].get("locationName", "member"))
        elif shape["type"] == "map":
            shape["flattened"] = True
            key, value = MAP_KEYS.get(name, ("Name", "Value"))
            shape["key"]["locationName"] = key
            shape["value"]["locationName"] = value
        if shape.get("exception"):
            code, status = ERROR_CODES.get(name, (name, 400))
            shape["error"] = {"code": code, "httpStatusCode": status, "senderFault": True}

    for shape in shapes.values():
        if shape["type"] != "structure":
            continue
        for member_name, member in shape["members"].items():
            target = shapes[member["shape"]]
            if target["type"] == "map" and member_name in MAP_ENTRIES:
                member["locationName"] = MAP_ENTRIES[member_name]
            if target["type"] == "list":
                member.pop("locationName", None)
    return model


def data_directory():
    """Writes the derived model once per process; returns the directory to search first."""
    global _data_dir
    if _data_dir is None:
        loader = botocore.session.get_session().get_component("data_loader")
        json_model = loader.load_service_model("sqs", "service-2")
        directory = tempfile.mkdtemp(prefix="sqs-query-model-")
        version = json_model["metadata"]["apiVersion"]
        os.makedirs(os.path.join(directory, "sqs", version))
        with open(os.path.join(directory, "sqs", version, "service-2.json"), "w", encoding="utf-8") as handle:
            json.dump(build_query_model(json_model), handle)
        _data_dir = directory
    return _data_dir


def query_client(endpoint_url=None, **config):
    session = botocore.session.get_session()
    session.get_component("data_loader").search_paths.insert(0, data_directory())
    client = session.create_client(
        "sqs",
        endpoint_url=endpoint_url or ENDPOINT,
        region_name=REGION,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}, **config),
    )
    if client.meta.service_model.protocol != "query":
        raise RuntimeError(f"expected the query model, got {client.meta.service_model.protocol}")
    return client
