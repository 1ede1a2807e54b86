namespace Conflux.Core.Engine;

/// <summary>A parked long-poll receive; completed when a message may have become receivable.</summary>
internal sealed class Waiter() : TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public LinkedListNode<Waiter>? Node { get; set; }
}
