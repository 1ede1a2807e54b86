using Conflux.Core.Messages;

namespace Conflux.Core.Engine;

internal enum EntryState : byte
{
    /// <summary>Send not yet durable: invisible to receivers.</summary>
    Pending,
    Ready,
    /// <summary>Not yet visible (delivery delay, scheduled time) and never leased since.</summary>
    Delayed,
    InFlight,
    Removed,
}

/// <summary>A message held in memory with its mutable delivery state. Guarded by its queue's lock.</summary>
internal sealed class MessageEntry(Message message)
{
    public Message Message { get; set; } = message;

    public long Seq => Message.SequenceNumber;

    public EntryState State { get; set; }

    public long VisibleAtMs { get; set; }

    public int DeliveryCount { get; set; }

    public int LeaseToken { get; set; }

    public long FirstDeliveredAtMs { get; set; }

    /// <summary>When the current lease began (caps total visibility extension).</summary>
    public long LeasedAtMs { get; set; }

    /// <summary>Bumped whenever the entry is (re)scheduled, so stale timer-heap items are recognised.</summary>
    public int TimerVersion { get; set; }

    public int Size { get; } = message.ApproximateSize;
}
