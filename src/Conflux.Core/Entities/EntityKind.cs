namespace Conflux.Core.Entities;

public enum EntityKind : byte
{
    Queue = 1,
    Topic = 2,
    Subscription = 3,
}
