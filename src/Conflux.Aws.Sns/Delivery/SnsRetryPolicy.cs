using System.Text.Json;

namespace Conflux.Aws.Sns.Delivery;

/// <summary>
/// An HTTP/S healthyRetryPolicy. Retries run through four phases: <see cref="NumNoDelayRetries"/> immediately,
/// <see cref="NumMinDelayRetries"/> at minDelayTarget, the backoff phase (the rest) climbing from minDelayTarget on its
/// first retry to maxDelayTarget on its last along <see cref="BackoffFunction"/>, and <see cref="NumMaxDelayRetries"/>
/// at maxDelayTarget. Delays are whole seconds; SNS adds jitter on top, which is the caller's choice.
/// </summary>
public sealed record SnsRetryPolicy(
    int MinDelayTarget,
    int MaxDelayTarget,
    int NumRetries,
    int NumNoDelayRetries = 0,
    int NumMinDelayRetries = 0,
    int NumMaxDelayRetries = 0,
    SnsBackoffFunction BackoffFunction = SnsBackoffFunction.Linear)
{
    public const int MaxDelayLimit = 3600;
    public const int MaxRetriesLimit = 100;
    public const int MaxTotalSeconds = 3600;

    /// <summary>SNS's default: three retries, 20 seconds apart.</summary>
    public static SnsRetryPolicy Default { get; } = new(20, 20, 3);

    public int NumBackoffRetries => Math.Max(0, NumRetries - NumNoDelayRetries - NumMinDelayRetries - NumMaxDelayRetries);

    /// <summary>How long to wait before retry number <paramref name="retryNumber"/> (1 = the first retry after the
    /// initial attempt), or null when the policy has no such retry.</summary>
    public TimeSpan? DelayBeforeRetry(int retryNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryNumber, 1);
        if (retryNumber > NumRetries) return null;
        var index = retryNumber - 1;
        if (index < NumNoDelayRetries) return TimeSpan.Zero;
        index -= NumNoDelayRetries;
        if (index < NumMinDelayRetries) return TimeSpan.FromSeconds(MinDelayTarget);
        index -= NumMinDelayRetries;
        var backoff = NumBackoffRetries;
        if (index >= backoff) return TimeSpan.FromSeconds(MaxDelayTarget);
        // The documented example: min 20, max 40, three retries => 20, 30, 40 (both ends reached).
        var delay = backoff == 1 ? MinDelayTarget : Curve(index, backoff - 1);
        return TimeSpan.FromSeconds(Math.Round(delay, MidpointRounding.AwayFromZero));
    }

    /// <summary>
    /// The retry time SNS charges against its 3600-second limit. It is not the sum of the delays above: SNS accepted
    /// min 1, max 2399 with four linear backoff retries (delays summing to 4800 s) and refused max 2400. Spacing the
    /// backoff retries at k/n instead of k/(n-1), in whole seconds, matches both observations.
    /// </summary>
    internal long ChargedSeconds()
    {
        var total = (long)NumMinDelayRetries * MinDelayTarget + (long)NumMaxDelayRetries * MaxDelayTarget;
        var backoff = NumBackoffRetries;
        for (var k = 0; k < backoff; k++) total += (long)Math.Floor(Curve(k, backoff));
        return total;
    }

    /// <summary>The delay at step <paramref name="k"/> of <paramref name="steps"/> from min (k = 0) to max (k = steps).</summary>
    private double Curve(int k, int steps)
    {
        double min = MinDelayTarget, max = MaxDelayTarget;
        var fraction = BackoffFunction switch
        {
            SnsBackoffFunction.Arithmetic => (double)k * (k + 1) / ((double)steps * (steps + 1)),
            SnsBackoffFunction.Exponential => (Math.Pow(2, k) - 1) / (Math.Pow(2, steps) - 1),
            SnsBackoffFunction.Geometric => (Math.Pow(max / min, (double)k / steps) - 1) / Math.Max(max / min - 1, double.Epsilon),
            _ => (double)k / steps,
        };
        return min + (max - min) * fraction;
    }

    internal static string Name(SnsBackoffFunction function) => function switch
    {
        SnsBackoffFunction.Arithmetic => "arithmetic",
        SnsBackoffFunction.Geometric => "geometric",
        SnsBackoffFunction.Exponential => "exponential",
        _ => "linear",
    };

    /// <summary>
    /// Reads and validates a retry policy object at <paramref name="path"/> ("healthyRetryPolicy",
    /// "http.defaultHealthyRetryPolicy"), writing the form SNS stores (the given fields, in SNS's order) to
    /// <paramref name="stored"/>.
    /// </summary>
    internal static SnsRetryPolicy Read(JsonElement element, string path, Utf8JsonWriter stored)
    {
        int? min = null, max = null, retries = null, noDelay = null, minDelay = null, maxDelay = null;
        SnsBackoffFunction? function = null;
        foreach (var member in element.EnumerateObject())
        {
            var memberPath = path + "." + member.Name;
            switch (member.Name)
            {
                case "minDelayTarget": min = SnsPolicyJson.Int(member.Value, memberPath); break;
                case "maxDelayTarget": max = SnsPolicyJson.Int(member.Value, memberPath); break;
                case "numRetries": retries = SnsPolicyJson.Int(member.Value, memberPath); break;
                case "numNoDelayRetries": noDelay = SnsPolicyJson.Int(member.Value, memberPath); break;
                case "numMinDelayRetries": minDelay = SnsPolicyJson.Int(member.Value, memberPath); break;
                case "numMaxDelayRetries": maxDelay = SnsPolicyJson.Int(member.Value, memberPath); break;
                case "backoffFunction": function = ReadFunction(member.Value, memberPath); break;
                default: throw SnsPolicyJson.Unexpected(member.Name);
            }
        }
        var policy = new SnsRetryPolicy(
            min ?? throw Missing(path, "minDelayTarget"),
            max ?? throw Missing(path, "maxDelayTarget"),
            retries ?? throw Missing(path, "numRetries"),
            noDelay ?? 0, minDelay ?? 0, maxDelay ?? 0, function ?? SnsBackoffFunction.Linear);
        policy.Validate(path);

        stored.WriteStartObject();
        stored.WriteNumber("minDelayTarget", policy.MinDelayTarget);
        stored.WriteNumber("maxDelayTarget", policy.MaxDelayTarget);
        stored.WriteNumber("numRetries", policy.NumRetries);
        if (maxDelay is not null) stored.WriteNumber("numMaxDelayRetries", maxDelay.Value);
        if (noDelay is not null) stored.WriteNumber("numNoDelayRetries", noDelay.Value);
        if (minDelay is not null) stored.WriteNumber("numMinDelayRetries", minDelay.Value);
        if (function is not null) stored.WriteString("backoffFunction", Name(function.Value));
        stored.WriteEndObject();
        return policy;
    }

    /// <summary>Writes every field, defaults included, as EffectiveDeliveryPolicy shows them.</summary>
    internal void WriteEffective(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("minDelayTarget", MinDelayTarget);
        writer.WriteNumber("maxDelayTarget", MaxDelayTarget);
        writer.WriteNumber("numRetries", NumRetries);
        writer.WriteNumber("numMaxDelayRetries", NumMaxDelayRetries);
        writer.WriteNumber("numNoDelayRetries", NumNoDelayRetries);
        writer.WriteNumber("numMinDelayRetries", NumMinDelayRetries);
        writer.WriteString("backoffFunction", Name(BackoffFunction));
        writer.WriteEndObject();
    }

    private void Validate(string path)
    {
        if (MinDelayTarget < 1) throw Bound(path, "minDelayTarget", "greater than or equal to 1");
        if (MaxDelayTarget > MaxDelayLimit) throw Bound(path, "maxDelayTarget", $"less than or equal to {MaxDelayLimit}");
        if (MinDelayTarget > MaxDelayTarget) throw Bound(path, "minDelayTarget", $"less than or equal to {path}.maxDelayTarget");
        if (NumRetries < 0) throw Bound(path, "numRetries", "greater than or equal to 0");
        if (NumRetries > MaxRetriesLimit) throw Bound(path, "numRetries", $"less than or equal to {MaxRetriesLimit}");
        if (NumNoDelayRetries < 0) throw Bound(path, "numNoDelayRetries", "greater than or equal to 0");
        if (NumMinDelayRetries < 0) throw Bound(path, "numMinDelayRetries", "greater than or equal to 0");
        if (NumMaxDelayRetries < 0) throw Bound(path, "numMaxDelayRetries", "greater than or equal to 0");
        if ((long)NumNoDelayRetries + NumMinDelayRetries + NumMaxDelayRetries > NumRetries)
            throw SnsPolicyJson.Invalid($"{path}.numRetries must be greater than or equal to the sum of numNoDelayRetries, numMinDelayRetries and numMaxDelayRetries");
        if (ChargedSeconds() > MaxTotalSeconds)
            throw SnsPolicyJson.Invalid($"{path}: the total retry time must be less than or equal to {MaxTotalSeconds} seconds");
    }

    private static SnsBackoffFunction? ReadFunction(JsonElement value, string path)
    {
        var text = SnsPolicyJson.String(value, path);
        // Case-insensitive: the CDK sends "EXPONENTIAL" and SNS takes it.
        return text?.ToLowerInvariant() switch
        {
            null => null,
            "linear" => SnsBackoffFunction.Linear,
            "arithmetic" => SnsBackoffFunction.Arithmetic,
            "geometric" => SnsBackoffFunction.Geometric,
            "exponential" => SnsBackoffFunction.Exponential,
            _ => throw SnsPolicyJson.Invalid($"{path} must be one of linear, arithmetic, geometric, exponential"),
        };
    }

    private static SnsDeliveryPolicyException Missing(string path, string field) => SnsPolicyJson.Invalid($"{path}.{field} must be specified");

    private static SnsDeliveryPolicyException Bound(string path, string field, string rule) => SnsPolicyJson.Invalid($"{path}.{field} must be {rule}");
}
