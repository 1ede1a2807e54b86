using Conflux.Core.Engine;
using Conflux.Core.Entities;
using Conflux.Core.Messages;

namespace Conflux.Core.Tests;

public sealed class MoveTaskTests
{
    private static async Task<EngineHarness> WithDeadLettersAsync(int count)
    {
        var h = await EngineHarness.StartAsync();
        await h.QueueAsync("dlq");
        await h.QueueAsync("src", s => s with { DeadLetter = new DeadLetterPolicy("dlq", 1) });
        for (var i = 0; i < count; i++) await h.SendAsync("src", $"m{i}");
        await h.ReceiveAsync("src", max: 10, visibility: TimeSpan.Zero);
        await h.ReceiveAsync("src", max: 10);
        return h;
    }

    /// <summary>The task runs on the thread pool; poll its state (real time, with a deadline) while fake time stands still.</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Move task did not reach the expected state.");
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }
    }

    private static async Task<MoveTaskInfo> WaitForEndAsync(EngineHarness h, string taskId)
    {
        await UntilAsync(() => h.Engine.MoveTasks.Find(taskId)!.Status is not (MoveTaskStatus.Running or MoveTaskStatus.Cancelling));
        return h.Engine.MoveTasks.Find(taskId)!;
    }

    [Fact]
    public async Task MoveTask_NoDestination_ReturnsMessagesToTheirSource()
    {
        await using var h = await WithDeadLettersAsync(3);
        Assert.Equal(3, h.Engine.GetStats("dlq").Visible);

        var task = h.Engine.MoveTasks.Start("dlq", destination: null, maxMessagesPerSecond: null);
        var done = await WaitForEndAsync(h, task.TaskId);

        Assert.Equal(MoveTaskStatus.Completed, done.Status);
        Assert.Equal(3, done.Moved);
        Assert.Equal(3, done.ToMove);
        var back = await h.ReceiveAsync("src", max: 10);
        Assert.Equal(3, back.Count);
        Assert.All(back, m => Assert.Null(m.Message.SystemProperties.GetString(SystemProperties.DeadLetterSource)));
    }

    [Fact]
    public async Task MoveTask_RateLimited_MovesAtMostRatePerSecondOfFakeTime()
    {
        await using var h = await WithDeadLettersAsync(5);
        await h.QueueAsync("elsewhere");

        var task = h.Engine.MoveTasks.Start("dlq", "elsewhere", maxMessagesPerSecond: 2);
        await UntilAsync(() => h.Engine.MoveTasks.Find(task.TaskId)!.Moved >= 2);
        Assert.Equal(2, h.Engine.MoveTasks.Find(task.TaskId)!.Moved);

        // Each second of fake time releases the next two messages.
        for (var moved = 4; moved <= 6; moved += 2)
        {
            h.Advance(TimeSpan.FromSeconds(1));
            var expected = Math.Min(moved, 5);
            await UntilAsync(() => h.Engine.MoveTasks.Find(task.TaskId)!.Moved >= expected);
        }
        var done = await WaitForEndAsync(h, task.TaskId);

        Assert.Equal(MoveTaskStatus.Completed, done.Status);
        Assert.Equal(5, (await h.DrainAsync("elsewhere")).Count);
    }

    [Fact]
    public async Task MoveTask_SecondForSameSource_Rejected_CancelStopsIt()
    {
        await using var h = await WithDeadLettersAsync(5);
        await h.QueueAsync("elsewhere");
        var task = h.Engine.MoveTasks.Start("dlq", "elsewhere", maxMessagesPerSecond: 1);

        var error = Assert.Throws<EngineException>(() => h.Engine.MoveTasks.Start("dlq", "elsewhere", null));
        Assert.Equal(EngineError.TaskAlreadyRunning, error.Error);

        h.Engine.MoveTasks.Cancel(task.TaskId);
        h.Advance(TimeSpan.FromSeconds(1));
        var done = await WaitForEndAsync(h, task.TaskId);
        Assert.Equal(MoveTaskStatus.Cancelled, done.Status);
        Assert.True(done.Moved < 5);
        Assert.Equal(5, h.Engine.GetStats("dlq").Visible + h.Engine.GetStats("elsewhere").Visible);
    }

    [Fact]
    public async Task MoveTask_OriginalSourceDeleted_FailsAndKeepsMessages()
    {
        await using var h = await WithDeadLettersAsync(2);
        await h.Engine.DeleteQueueAsync("src");

        var task = h.Engine.MoveTasks.Start("dlq", destination: null, maxMessagesPerSecond: null);
        var done = await WaitForEndAsync(h, task.TaskId);

        Assert.Equal(MoveTaskStatus.Failed, done.Status);
        Assert.Equal(MoveTaskManager.DestinationNotFound, done.FailureReason);
        Assert.Equal(2, h.Engine.GetStats("dlq").Visible);
    }
}
