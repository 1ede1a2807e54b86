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

    private static async Task<MoveTaskInfo> WaitForEndAsync(EngineHarness h, string taskId)
    {
        for (var i = 0; i < 500; i++)
        {
            var info = h.Engine.MoveTasks.Find(taskId)!;
            if (info.Status is not (MoveTaskStatus.Running or MoveTaskStatus.Cancelling)) return info;
            await Task.Delay(10);
        }
        throw new TimeoutException("Move task did not finish.");
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
        for (var i = 0; i < 200 && h.Engine.MoveTasks.Find(task.TaskId)!.Moved < 2; i++) await Task.Delay(5);
        Assert.Equal(2, h.Engine.MoveTasks.Find(task.TaskId)!.Moved);

        for (var second = 0; second < 3; second++)
        {
            h.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
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
