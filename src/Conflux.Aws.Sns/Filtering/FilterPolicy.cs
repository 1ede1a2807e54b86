using System.Buffers;
using System.Text;
using System.Text.Json;
using Conflux.Core.Messages;

namespace Conflux.Aws.Sns.Filtering;

/// <summary>
/// A validated, compiled SNS subscription filter policy. Parsing does all the work once (JSON, operator
/// checks, limits, "$or" expansion); matching then walks precompiled branches without re-reading the policy.
/// </summary>
public sealed class FilterPolicy
{
    /// <summary>Jackson's default nesting limit, which bounds what AWS can read too.</summary>
    private const int BodyMaxDepth = 1000;

    private static readonly JsonDocumentOptions BodyOptions = new() { MaxDepth = BodyMaxDepth };

    private readonly PolicyBranch[] _branches;

    private FilterPolicy(FilterPolicyScope scope, PolicyBranch[] branches)
    {
        Scope = scope;
        _branches = branches;
    }

    public FilterPolicyScope Scope { get; }

    /// <summary>
    /// Validates and compiles <paramref name="json"/> for <paramref name="scope"/>.
    /// "{}" is accepted as a policy that matches everything.
    /// </summary>
    /// <exception cref="FilterPolicyException">The policy is invalid; the message is SNS's InvalidParameter text.</exception>
    public static FilterPolicy Parse(string json, FilterPolicyScope scope)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (Encoding.UTF8.GetByteCount(json) > PolicyValidator.MaxPolicyBytes)
            throw PolicyErrors.TooLarge();
        var compact = PolicyText.Normalize(json) ?? throw PolicyErrors.NotJson();
        if (compact == "{}")
            return new FilterPolicy(scope, []);

        var parsed = PolicyParser.Parse(compact);
        PolicyValidator.Validate(parsed, scope);
        var body = scope == FilterPolicyScope.MessageBody;
        var branches = new PolicyBranch[parsed.Rules.Count];
        for (var i = 0; i < branches.Length; i++)
            branches[i] = new PolicyBranch([.. parsed.Rules[i].Values], body);
        return new FilterPolicy(scope, branches);
    }

    /// <summary>Matches message attributes (MessageAttributes scope).</summary>
    public bool Matches(IReadOnlyDictionary<string, FilterAttribute> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        RequireScope(FilterPolicyScope.MessageAttributes);
        return AttributeMatcher.Matches(_branches, new DictionaryAttributeSource(attributes));
    }

    /// <summary>Matches a parsed message body (MessageBody scope); anything but a JSON object never matches.</summary>
    public bool Matches(JsonElement body)
    {
        RequireScope(FilterPolicyScope.MessageBody);
        return BodyMatcher.Matches(_branches, body);
    }

    /// <summary>Matches the raw published message text (MessageBody scope); text that is not a JSON object never matches.</summary>
    public bool MatchesBody(ReadOnlySpan<byte> utf8)
    {
        RequireScope(FilterPolicyScope.MessageBody);
        if (_branches.Length == 0)
            return true;
        if (!TrimToObject(ref utf8))
            return false;
        var copy = ArrayPool<byte>.Shared.Rent(utf8.Length);
        try
        {
            utf8.CopyTo(copy);
            return MatchesJson(copy.AsMemory(0, utf8.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>As <see cref="MatchesBody(ReadOnlySpan{byte})"/> without copying, for bodies already in memory.</summary>
    internal bool MatchesBody(ReadOnlyMemory<byte> utf8)
    {
        RequireScope(FilterPolicyScope.MessageBody);
        if (_branches.Length == 0)
            return true;
        var span = utf8.Span;
        if (!TrimToObject(ref span))
            return false;
        return MatchesJson(utf8[(utf8.Length - span.Length)..]);
    }

    internal bool MatchesProperties(PropertyBag properties)
    {
        RequireScope(FilterPolicyScope.MessageAttributes);
        return AttributeMatcher.Matches(_branches, new PropertyBagAttributeSource(properties));
    }

    private bool MatchesJson(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8, BodyOptions);
            return BodyMatcher.Matches(_branches, document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Drops a byte-order mark and leading whitespace; false unless an object follows, which spares
    /// parsing the plain-text messages most topics carry.
    /// </summary>
    private static bool TrimToObject(ref ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
            utf8 = utf8[3..];
        utf8 = utf8.TrimStart(" \t\r\n"u8);
        return !utf8.IsEmpty && utf8[0] == (byte)'{';
    }

    private void RequireScope(FilterPolicyScope scope)
    {
        if (Scope != scope)
            throw new InvalidOperationException($"This filter policy was compiled for the {Scope} scope.");
    }
}
