using Conflux.Core.Engine;
using Conflux.Core.Messages;

namespace Conflux.Aws.Sns.Filtering;

/// <summary>
/// The engine-facing side of SNS filter policies: one dialect per FilterPolicyScope. Compiling validates the
/// policy (throwing <see cref="FilterPolicyException"/>); the filter then runs on every publish.
/// </summary>
public sealed class SnsFilterDialect : IMessageFilterCompiler
{
    private SnsFilterDialect(string dialect, FilterPolicyScope scope)
    {
        Dialect = dialect;
        Scope = scope;
    }

    /// <summary>Policies on message attributes ("sns-attributes"), read from the message's properties.</summary>
    public static SnsFilterDialect Attributes { get; } = new("sns-attributes", FilterPolicyScope.MessageAttributes);

    /// <summary>Policies on the message body ("sns-body"), the raw published message text.</summary>
    public static SnsFilterDialect Body { get; } = new("sns-body", FilterPolicyScope.MessageBody);

    public string Dialect { get; }

    public FilterPolicyScope Scope { get; }

    public IMessageFilter Compile(string text)
    {
        var policy = FilterPolicy.Parse(text, Scope);
        return Scope == FilterPolicyScope.MessageAttributes ? new AttributesFilter(policy) : new BodyFilter(policy);
    }

    private sealed class AttributesFilter(FilterPolicy policy) : IMessageFilter
    {
        public bool Matches(Message message)
        {
            ArgumentNullException.ThrowIfNull(message);
            return policy.MatchesProperties(message.Properties);
        }
    }

    private sealed class BodyFilter(FilterPolicy policy) : IMessageFilter
    {
        public bool Matches(Message message)
        {
            ArgumentNullException.ThrowIfNull(message);
            return policy.MatchesBody(message.Body);
        }
    }
}
