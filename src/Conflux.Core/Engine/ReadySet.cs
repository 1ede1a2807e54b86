namespace Conflux.Core.Engine;

/// <summary>
/// The messages a receiver may be handed next. Standard queues take in sequence order; ordered queues
/// (FIFO groups) only hand out a group's head while none of the group is leased.
/// </summary>
internal abstract class ReadySet
{
    public abstract void Add(MessageEntry entry);

    public abstract bool Remove(MessageEntry entry);

    /// <summary>Starts one receive call's sequence of <see cref="TryTake"/>s.</summary>
    public virtual void BeginTake()
    {
    }

    public abstract MessageEntry? TryTake();

    /// <summary>Ends the receive call; groups left unleased become available again.</summary>
    public virtual void EndTake()
    {
    }

    /// <summary>A taken entry was leased.</summary>
    public virtual void OnLeased(MessageEntry entry)
    {
    }

    /// <summary>A lease ended (deleted, expired, released); returns true when that made a group receivable.</summary>
    public virtual bool OnLeaseEnded(MessageEntry entry) => false;

    public abstract void Clear();
}

internal sealed class StandardReadySet : ReadySet
{
    private readonly SeqDeque _deque = new();

    public override void Add(MessageEntry entry) => _deque.Insert(entry);

    public override bool Remove(MessageEntry entry) => _deque.Remove(entry);

    public override MessageEntry? TryTake() => _deque.Count == 0 ? null : _deque.PopFront();

    public override void Clear() => _deque.Clear();
}
