namespace Conflux.Bench.Measurement;

/// <summary>One worker's tally for one action; merged across workers at the end of a scenario.</summary>
internal sealed class OpStats(string name)
{
    public string Name { get; } = name;

    public Histogram Latency { get; } = new();

    /// <summary>Successful requests completed inside the measured window.</summary>
    public long Requests { get; private set; }

    /// <summary>Messages those requests carried (sent, received or deleted).</summary>
    public long Items { get; private set; }

    /// <summary>Every failure, warm-up included: non-200 replies, failed batch entries, transport errors.</summary>
    public long Errors { get; private set; }

    public string? FirstError { get; private set; }

    public void Record(Window window, long started, long completed, int items)
    {
        if (!window.Contains(completed)) return;
        Latency.Record(Window.Micros(started, completed));
        Requests++;
        Items += items;
    }

    public void Error(string description, int count = 1)
    {
        Errors += count;
        FirstError ??= description;
    }

    public static OpStats Merge(string name, IEnumerable<OpStats> parts)
    {
        var total = new OpStats(name);
        foreach (var part in parts)
        {
            total.Latency.Add(part.Latency);
            total.Requests += part.Requests;
            total.Items += part.Items;
            total.Errors += part.Errors;
            total.FirstError ??= part.FirstError;
        }
        return total;
    }
}
