using Microsoft.Extensions.Logging;

namespace Conflux.Testing;

/// <summary>Keeps the last error logged, so a fuzz failure can show the exception behind a 5xx.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public string Last { get; private set; } = "";

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) Last = $"{formatter(state, exception)}\n{exception}";
    }
}
