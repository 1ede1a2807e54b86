namespace Conflux.Core.Engine;

public enum EngineError
{
    EntityNotFound,
    EntityAlreadyExists,
    InvalidArgument,
    GroupIdRequired,
    DeduplicationIdRequired,
    MessageTooLarge,
    TooManyInFlight,
    TaskAlreadyRunning,
    TaskNotFound,
    PurgeInProgress,
}

/// <summary>A request the engine refuses; faces translate <see cref="Error"/> to their protocol's error.</summary>
public sealed class EngineException(EngineError error, string message) : Exception(message)
{
    public EngineError Error { get; } = error;

    public static EngineException NotFound(string entity) => new(EngineError.EntityNotFound, $"Entity '{entity}' does not exist.");
}
