using System.Diagnostics.Metrics;
using Conflux.Core.Entities;

namespace Conflux.Core.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task Operations_EmitCountersGaugesAndLatency()
    {
        await using var h = await EngineHarness.StartAsync();
        var measurements = new List<(string Instrument, double Value, string? Entity)>();
        using var listener = new MeterListener();
        // Only this engine's meter: other tests run engines (same meter name) in parallel.
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, h.Engine.Metrics.Meter)) l.EnableMeasurementEvents(instrument);
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? entity = null;
            foreach (var tag in tags)
                if (tag.Key == "entity") entity = tag.Value as string;
            lock (measurements) measurements.Add((instrument.Name, value, entity));
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        await h.QueueAsync("dlq");
        await h.QueueAsync("q", s => s with { DeadLetter = new DeadLetterPolicy("dlq", 1) });
        await h.SendAsync("q", "a");
        await h.SendAsync("q", "b");
        var first = await h.ReceiveAsync("q", max: 1, visibility: TimeSpan.Zero);
        // "a" has had its one delivery and moves to the dead-letter queue; "b" is leased and then deleted.
        var second = await h.ReceiveAsync("q", max: 10);
        await h.Engine.DeleteBatchAsync("q", [Assert.Single(second).Lease], requireActiveLease: true);
        listener.RecordObservableInstruments();

        double Sum(string name, string entity) => measurements.Where(m => m.Instrument == name && m.Entity == entity).Sum(m => m.Value);
        Assert.Equal(2, Sum("conflux.messages.sent", "q"));
        Assert.True(Sum("conflux.messages.received", "q") >= 2);
        Assert.Equal(1, Sum("conflux.messages.dead_lettered", "q"));
        Assert.Equal(1, Sum("conflux.messages.deleted", "q"));
        Assert.Contains(measurements, m => m.Instrument == "conflux.messages.depth" && m.Entity == "dlq" && m.Value == 1);
        Assert.Contains(measurements, m => m.Instrument == "conflux.messages.in_flight" && m.Entity == "q");
        Assert.Contains(measurements, m => m.Instrument == "conflux.operation.duration");
        Assert.Contains(measurements, m => m.Instrument == "conflux.storage.commit.ops");
        Assert.NotEmpty(first);
    }
}
