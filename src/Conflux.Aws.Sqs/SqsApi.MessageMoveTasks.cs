using System.Text;
using System.Text.Json;
using Conflux.Aws.Protocol;
using Conflux.Core.Engine;
using Conflux.Core.Entities;

namespace Conflux.Aws.Sqs;

/// <summary>Dead-letter redrive: StartMessageMoveTask, CancelMessageMoveTask, ListMessageMoveTasks.</summary>
public sealed partial class SqsApi
{
    private async Task StartMessageMoveTask(AwsRequestContext context, ResponseWriter response)
    {
        var p = context.Parameters;
        var source = QueueForArn(p.Required("SourceArn"), "SourceArn");
        if (!_engine.ListQueues().Any(q => q.Settings.DeadLetter?.TargetQueue == source.Name))
            throw CommonErrors.InvalidParameterValue("Source queue must be configured as a Dead Letter Queue.");
        var destinationArn = p.String("DestinationArn");
        var destination = destinationArn is null ? null : QueueForArn(destinationArn, "DestinationArn");
        var rate = p.Int("MaxNumberOfMessagesPerSecond");
        if (rate is < 1 or > 500)
            throw CommonErrors.InvalidParameterValue($"Value {rate} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500.");
        await AuthorizeAsync(context, SqsNames.Arn(_account, source.Name)).ConfigureAwait(false);
        try
        {
            var task = _engine.MoveTasks.Start(source.Name, destination?.Name, rate);
            response.String("TaskHandle", EncodeTaskHandle(task.TaskId, source.Name));
        }
        catch (EngineException error) when (error.Error == EngineError.TaskAlreadyRunning)
        {
            throw CommonErrors.InvalidParameterValue("There is already a task running. Only one active task is allowed for a source queue arn at a given time.");
        }
    }

    private async Task CancelMessageMoveTask(AwsRequestContext context, ResponseWriter response)
    {
        var handle = context.Parameters.Required("TaskHandle");
        var (taskId, sourceArn) = DecodeTaskHandle(handle);
        var source = QueueForArn(sourceArn, "SourceArn");
        await AuthorizeAsync(context, SqsNames.Arn(_account, source.Name)).ConfigureAwait(false);
        var task = _engine.MoveTasks.Find(taskId);
        if (task is null || task.Source != source.Name || task.Status != MoveTaskStatus.Running)
            throw SqsErrors.ResourceNotFound("Task does not exist.");
        response.Long("ApproximateNumberOfMessagesMoved", _engine.MoveTasks.Cancel(taskId).Moved);
    }

    private async Task ListMessageMoveTasks(AwsRequestContext context, ResponseWriter response)
    {
        var p = context.Parameters;
        var sourceArn = p.Required("SourceArn");
        if (!SqsNames.LooksLikeArn(sourceArn))
            throw CommonErrors.InvalidParameterValue("You must use this format to specify the SourceArn: arn:<partition>:<service>:<region>:<account-id>:<resource-id>");
        var source = QueueForArn(sourceArn, "SourceArn");
        var max = p.Int("MaxResults") ?? 1;
        if (max is < 1 or > 10)
            throw CommonErrors.InvalidParameterValue($"Value {max} for parameter MaxResults is invalid. Reason: You must enter a number that's between 1 and 10.");
        await AuthorizeAsync(context, SqsNames.Arn(_account, source.Name)).ConfigureAwait(false);
        var tasks = _engine.MoveTasks.List(source.Name, max);
        response.BeginList("Results", "ListMessageMoveTasksResultEntry");
        foreach (var task in tasks)
        {
            response.BeginItem();
            if (task.Status == MoveTaskStatus.Running) response.String("TaskHandle", EncodeTaskHandle(task.TaskId, task.Source));
            response.String("Status", task.Status.ToString().ToUpperInvariant());
            response.String("SourceArn", SqsNames.Arn(_account, task.Source));
            if (task.Destination is not null) response.String("DestinationArn", SqsNames.Arn(_account, task.Destination));
            if (task.MaxMessagesPerSecond is { } rate) response.Long("MaxNumberOfMessagesPerSecond", rate);
            response.Long("ApproximateNumberOfMessagesMoved", task.Moved);
            response.Long("ApproximateNumberOfMessagesToMove", task.ToMove);
            if (task.FailureReason is { } reason)
                response.String("FailureReason", reason == MoveTaskManager.DestinationNotFound ? "AWS.SimpleQueueService.NonExistentQueue" : reason);
            response.Long("StartedTimestamp", task.StartedAtMs);
            response.EndItem();
        }
        response.EndList();
    }

    private QueueDefinition QueueForArn(string arn, string parameter) =>
        SqsNames.QueueNameFromArn(_account, arn) is { } name && _engine.GetQueue(name) is { } queue
            ? queue
            : throw SqsErrors.ResourceNotFound($"The resource that you specified for the {parameter} parameter doesn't exist.");

    private static string EncodeTaskHandle(string taskId, string source) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["taskId"] = taskId, ["source"] = source }));

    private (string TaskId, string SourceArn) DecodeTaskHandle(string handle)
    {
        try
        {
            var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(Encoding.UTF8.GetString(Convert.FromBase64String(handle)));
            if (fields is not null && fields.TryGetValue("taskId", out var id) && fields.TryGetValue("source", out var source))
                return (id, SqsNames.Arn(_account, source));
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
        }
        throw CommonErrors.InvalidParameterValue("Value for parameter TaskHandle is invalid.");
    }
}
