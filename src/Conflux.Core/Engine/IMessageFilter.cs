using Conflux.Core.Messages;

namespace Conflux.Core.Engine;

/// <summary>Decides whether a published message goes to a subscription.</summary>
public interface IMessageFilter
{
    bool Matches(Message message);
}

/// <summary>Compiles the filters of one dialect (a face registers its own: "sns-policy", "sql"…).</summary>
public interface IMessageFilterCompiler
{
    string Dialect { get; }

    IMessageFilter Compile(string text);
}
