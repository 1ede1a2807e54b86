using System.Diagnostics.Metrics;

namespace Conflux.Core.Diagnostics;

/// <summary>
/// The engine's instruments (meter "Conflux"). Counters are tagged with the entity name; depth and
/// in-flight are observed from the live queues when an exporter collects.
/// </summary>
public sealed class ConfluxMetrics : IDisposable
{
    public const string MeterName = "Conflux";

    private readonly Meter _meter;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _received;
    private readonly Counter<long> _deleted;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _expired;
    private readonly Histogram<double> _operationDuration;
    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<long> _commitOps;

    public ConfluxMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _sent = _meter.CreateCounter<long>("conflux.messages.sent", "{message}", "Messages accepted into an entity.");
        _received = _meter.CreateCounter<long>("conflux.messages.received", "{message}", "Messages handed to receivers (each delivery counts).");
        _deleted = _meter.CreateCounter<long>("conflux.messages.deleted", "{message}", "Messages settled and removed by receivers.");
        _deadLettered = _meter.CreateCounter<long>("conflux.messages.dead_lettered", "{message}", "Messages moved to a dead-letter queue.");
        _expired = _meter.CreateCounter<long>("conflux.messages.expired", "{message}", "Messages removed because their retention or time to live ran out.");
        _operationDuration = _meter.CreateHistogram<double>("conflux.operation.duration", "s", "Engine operation latency including durable commit.");
        _commitDuration = _meter.CreateHistogram<double>("conflux.storage.commit.duration", "s", "Time of one group commit (write and fsync).");
        _commitOps = _meter.CreateHistogram<long>("conflux.storage.commit.ops", "{op}", "Storage ops per group commit.");
    }

    public Meter Meter => _meter;

    public void Sent(string entity, int count = 1) => _sent.Add(count, new KeyValuePair<string, object?>("entity", entity));

    public void Received(string entity, int count) => _received.Add(count, new KeyValuePair<string, object?>("entity", entity));

    public void Deleted(string entity, int count = 1) => _deleted.Add(count, new KeyValuePair<string, object?>("entity", entity));

    public void DeadLettered(string entity, int count = 1) => _deadLettered.Add(count, new KeyValuePair<string, object?>("entity", entity));

    public void Expired(string entity, int count = 1) => _expired.Add(count, new KeyValuePair<string, object?>("entity", entity));

    public void Operation(string operation, TimeSpan elapsed) =>
        _operationDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("operation", operation));

    public void RecordCommit(int ops, TimeSpan elapsed)
    {
        _commitDuration.Record(elapsed.TotalSeconds);
        _commitOps.Record(ops);
    }

    /// <summary>Registers the observed gauges; <paramref name="observe"/> yields (entity, depth, in-flight, delayed).</summary>
    public void ObserveQueues(Func<IEnumerable<(string Entity, long Depth, long InFlight, long Delayed)>> observe)
    {
        _meter.CreateObservableGauge("conflux.messages.depth", () => observe().Select(q =>
            new Measurement<long>(q.Depth, new KeyValuePair<string, object?>("entity", q.Entity))), "{message}", "Messages available for receive.");
        _meter.CreateObservableGauge("conflux.messages.in_flight", () => observe().Select(q =>
            new Measurement<long>(q.InFlight, new KeyValuePair<string, object?>("entity", q.Entity))), "{message}", "Messages leased to receivers.");
        _meter.CreateObservableGauge("conflux.messages.delayed", () => observe().Select(q =>
            new Measurement<long>(q.Delayed, new KeyValuePair<string, object?>("entity", q.Entity))), "{message}", "Messages not yet visible because of a delay.");
    }

    public void Dispose() => _meter.Dispose();
}
