using System.Collections.Concurrent;
using Conflux.Core.Messages;
using Conflux.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Conflux.Core.Engine;

public enum MoveTaskStatus
{
    Running,
    Completed,
    Cancelling,
    Cancelled,
    Failed,
}

/// <summary>A snapshot of a redrive task.</summary>
public sealed record MoveTaskInfo(
    string TaskId,
    string Source,
    string? Destination,
    int? MaxMessagesPerSecond,
    MoveTaskStatus Status,
    long Moved,
    long ToMove,
    long StartedAtMs,
    string? FailureReason);

/// <summary>
/// Redrive: moves the messages available in a (dead-letter) queue to a destination, or back to the
/// queue each message was dead-lettered from, optionally rate-limited. One active task per source.
/// Tasks live in memory; a restart ends them (moved messages stay moved, the rest stay in the source).
/// </summary>
public sealed class MoveTaskManager(MessagingEngine engine)
{
    public const string DestinationNotFound = "DestinationNotFound";

    private const int Batch = 100;
    private const int KeptPerSource = 50;
    private readonly ConcurrentDictionary<string, MoveTask> _tasks = new(StringComparer.Ordinal);

    public MoveTaskInfo Start(string source, string? destination, int? maxMessagesPerSecond)
    {
        var sourceQueue = engine.FindQueue(source) ?? throw EngineException.NotFound(source);
        if (destination is not null && engine.FindQueue(destination) is null) throw EngineException.NotFound(destination);
        lock (_tasks)
        {
            if (_tasks.Values.Any(t => t.Source == source && t.Status is MoveTaskStatus.Running or MoveTaskStatus.Cancelling))
                throw new EngineException(EngineError.TaskAlreadyRunning, "A task is already running for this source.");
            var task = new MoveTask(Guid.NewGuid().ToString(), source, destination, maxMessagesPerSecond, engine.NowMs(), sourceQueue.Stats().Visible);
            _tasks[task.Id] = task;
            // Keep the history ListMessageMoveTasks shows, not every task ever run.
            foreach (var old in _tasks.Values.Where(t => t.Source == source && t.Status is not (MoveTaskStatus.Running or MoveTaskStatus.Cancelling))
                         .OrderByDescending(t => t.StartedAtMs).Skip(KeptPerSource).ToList())
                _tasks.TryRemove(old.Id, out _);
            task.Runner = Task.Run(() => RunAsync(task));
            return task.Snapshot();
        }
    }

    public MoveTaskInfo Cancel(string taskId)
    {
        if (!_tasks.TryGetValue(taskId, out var task)) throw new EngineException(EngineError.TaskNotFound, "Task does not exist.");
        lock (task)
        {
            if (task.Status != MoveTaskStatus.Running) throw new EngineException(EngineError.TaskNotFound, "Task does not exist.");
            // Marked first: cancelling can run the task's ending inline, and that ending must have the last word.
            task.Status = MoveTaskStatus.Cancelling;
        }
        task.Cancel.Cancel();
        return task.Snapshot();
    }

    /// <summary>Tasks of a source, newest first.</summary>
    public IReadOnlyList<MoveTaskInfo> List(string source, int max) =>
        [.. _tasks.Values.Where(t => t.Source == source).OrderByDescending(t => t.StartedAtMs).Take(max).Select(t => t.Snapshot())];

    public MoveTaskInfo? Find(string taskId) => _tasks.TryGetValue(taskId, out var task) ? task.Snapshot() : null;

    internal void OnQueueDeleted(string queue)
    {
        foreach (var task in _tasks.Values.Where(t => t.Source == queue && t.Status == MoveTaskStatus.Running))
            task.Cancel.Cancel();
    }

    internal void CancelAll()
    {
        foreach (var task in _tasks.Values) task.Cancel.Cancel();
    }

    private async Task RunAsync(MoveTask task)
    {
        try
        {
            var window = engine.NowMs();
            var movedInWindow = 0;
            while (task.Moved < task.ToMove && !task.Cancel.IsCancellationRequested)
            {
                var source = engine.FindQueue(task.Source);
                if (source is null)
                {
                    task.Fail("SourceNotFound");
                    return;
                }
                var want = (int)Math.Min(Batch, task.ToMove - task.Moved);
                if (task.MaxPerSecond is { } rate)
                {
                    if (movedInWindow >= rate)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, 1000 - (engine.NowMs() - window))), engine.Time, task.Cancel.Token).ConfigureAwait(false);
                        window = engine.NowMs();
                        movedInWindow = 0;
                    }
                    want = Math.Min(want, rate - movedInWindow);
                }
                var entries = source.TakeForMove(want, engine.NowMs());
                if (entries.Count == 0) break;
                if (!await MoveAsync(task, source, entries).ConfigureAwait(false)) return;
                task.Moved += entries.Count;
                movedInWindow += entries.Count;
            }
            lock (task) task.Status = task.Cancel.IsCancellationRequested ? MoveTaskStatus.Cancelled : MoveTaskStatus.Completed;
        }
        catch (OperationCanceledException)
        {
            lock (task) task.Status = MoveTaskStatus.Cancelled;
        }
        catch (Exception ex)
        {
            engine.Logger.LogError(ex, "Move task {Task} failed", task.Id);
            task.Fail(ex.Message);
        }
    }

    private async Task<bool> MoveAsync(MoveTask task, QueueRuntime source, List<MessageEntry> entries)
    {
        var copies = new List<(QueueRuntime, Message, DeliveryState?)>(entries.Count);
        foreach (var entry in entries)
        {
            var destinationName = task.Destination ?? entry.Message.SystemProperties.GetString(SystemProperties.DeadLetterSource);
            var destination = destinationName is null ? null : engine.FindQueue(destinationName);
            if (destination is null)
            {
                source.Restore(entries);
                task.Fail(DestinationNotFound);
                return false;
            }
            copies.Add((destination, entry.Message with
            {
                SystemProperties = entry.Message.SystemProperties
                    .Without(SystemProperties.DeadLetterSource)
                    .Without(SystemProperties.DeadLetterReason),
                ScheduledAtMs = 0,
            }, null));
        }
        var deletes = entries.Select(e => (StorageOp)new DeleteMessageOp(source.EntityId, e.Seq)).ToList();
        try
        {
            await engine.TransferAsync(copies, deletes).ConfigureAwait(false);
            return true;
        }
        catch (EngineException)
        {
            source.Restore(entries);
            task.Fail(DestinationNotFound);
            return false;
        }
    }

    private sealed class MoveTask(string id, string source, string? destination, int? maxPerSecond, long startedAtMs, long toMove)
    {
        public string Id { get; } = id;

        public string Source { get; } = source;

        public string? Destination { get; } = destination;

        public int? MaxPerSecond { get; } = maxPerSecond;

        public long StartedAtMs { get; } = startedAtMs;

        public long ToMove { get; } = toMove;

        public long Moved { get; set; }

        public volatile MoveTaskStatus Status = MoveTaskStatus.Running;

        public string? FailureReason { get; private set; }

        public CancellationTokenSource Cancel { get; } = new();

        public Task? Runner { get; set; }

        public void Fail(string reason)
        {
            FailureReason = reason;
            Status = MoveTaskStatus.Failed;
        }

        public MoveTaskInfo Snapshot() =>
            new(Id, Source, Destination, MaxPerSecond, Status, Moved, ToMove, StartedAtMs, FailureReason);
    }
}
