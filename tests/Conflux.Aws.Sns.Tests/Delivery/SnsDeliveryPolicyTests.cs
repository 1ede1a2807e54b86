using Conflux.Aws.Sns.Delivery;

namespace Conflux.Aws.Sns.Tests.Delivery;

/// <summary>Expected texts are AWS responses (GetTopicAttributes/GetSubscriptionAttributes recorded from SNS) and its InvalidParameter messages.</summary>
public sealed class SnsDeliveryPolicyTests
{
    private const string DefaultRetry =
        """{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"}""";

    [Fact]
    public void TopicEffective_NoPolicy_MatchesAwsDefault() =>
        Assert.Equal(
            """{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}""",
            SnsTopicDeliveryPolicy.DefaultEffectiveJson);

    [Fact]
    public void TopicParse_PartialRetryPolicy_StoredAsGivenAndEffectiveFilledWithDefaults()
    {
        var policy = SnsTopicDeliveryPolicy.Parse("""{"http": {"defaultHealthyRetryPolicy": {"minDelayTarget": 5, "maxDelayTarget": 6, "numRetries": 1}}}""")!;

        Assert.Equal("""{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":5,"maxDelayTarget":6,"numRetries":1},"disableSubscriptionOverrides":false}}""", policy.Json);
        Assert.Equal(
            """{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":5,"maxDelayTarget":6,"numRetries":1,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}""",
            policy.EffectiveJson);
    }

    [Fact]
    public void TopicParse_RequestPolicyOnly_MatchesAws()
    {
        var policy = SnsTopicDeliveryPolicy.Parse("""{"http": {"defaultRequestPolicy": {"headerContentType": "application/json"}}}""")!;

        Assert.Equal("""{"http":{"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"application/json"}}}""", policy.Json);
        Assert.Equal(
            """{"http":{"defaultHealthyRetryPolicy":""" + DefaultRetry + ""","disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"application/json"}}}""",
            policy.EffectiveJson);
        Assert.Equal("application/json", policy.HeaderContentType);
    }

    [Fact]
    public void TopicParse_NullRetryPolicy_StoredWithoutIt() =>
        Assert.Equal("""{"http":{"disableSubscriptionOverrides":false}}""", SnsTopicDeliveryPolicy.Parse("""{"http": {"defaultHealthyRetryPolicy": null}}""")!.Json);

    [Fact]
    public void TopicParse_AllMembers_StoredInAwsOrder()
    {
        var policy = SnsTopicDeliveryPolicy.Parse(
            """{"http":{"defaultRequestPolicy":{"headerContentType":"application/xml"},"defaultThrottlePolicy":{"maxReceivesPerSecond":7},"disableSubscriptionOverrides":true,"defaultHealthyRetryPolicy":{"backoffFunction":"EXPONENTIAL","numMinDelayRetries":1,"numRetries":4,"maxDelayTarget":30,"minDelayTarget":2}}}""")!;

        Assert.Equal(
            """{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":2,"maxDelayTarget":30,"numRetries":4,"numMinDelayRetries":1,"backoffFunction":"exponential"},"disableSubscriptionOverrides":true,"defaultThrottlePolicy":{"maxReceivesPerSecond":7},"defaultRequestPolicy":{"headerContentType":"application/xml"}}}""",
            policy.Json);
        Assert.Equal(
            """{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":2,"maxDelayTarget":30,"numRetries":4,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":1,"backoffFunction":"exponential"},"disableSubscriptionOverrides":true,"defaultThrottlePolicy":{"maxReceivesPerSecond":7},"defaultRequestPolicy":{"headerContentType":"application/xml"}}}""",
            policy.EffectiveJson);
        Assert.Equal(new SnsRetryPolicy(2, 30, 4, NumMinDelayRetries: 1, BackoffFunction: SnsBackoffFunction.Exponential), policy.HealthyRetryPolicy);
        Assert.True(policy.DisableSubscriptionOverrides);
        Assert.Equal(7, policy.MaxReceivesPerSecond);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_Blank_IsNoPolicy(string? json)
    {
        Assert.Null(SnsTopicDeliveryPolicy.Parse(json));
        Assert.Null(SnsSubscriptionDeliveryPolicy.Parse(json));
    }

    [Fact]
    public void SubscriptionParse_RequestPolicyOnly_StoredAndEffectiveMatchAws()
    {
        var topic = SnsTopicDeliveryPolicy.Parse("""{"http": {"defaultRequestPolicy": {"headerContentType": "application/json"}}}""");
        var subscription = SnsSubscriptionDeliveryPolicy.Parse("""{"requestPolicy": {"headerContentType": "text/csv"}}""")!;

        var effective = SnsDeliveryPolicy.Effective(topic, subscription);

        Assert.Equal("""{"healthyRetryPolicy":null,"sicklyRetryPolicy":null,"throttlePolicy":null,"requestPolicy":{"headerContentType":"text/csv"},"guaranteed":false}""", subscription.Json);
        Assert.Equal("""{"healthyRetryPolicy":""" + DefaultRetry + ""","sicklyRetryPolicy":null,"throttlePolicy":null,"requestPolicy":{"headerContentType":"text/csv"},"guaranteed":false}""", effective.Json);
        Assert.Equal("text/csv", effective.HeaderContentType);
    }

    [Fact]
    public void SubscriptionParse_FullPolicyUnderTopicContentType_StoredAndEffectiveMatchAws()
    {
        var topic = SnsTopicDeliveryPolicy.Parse("""{"http": {"defaultRequestPolicy": {"headerContentType": "application/json"}}}""");
        var subscription = SnsSubscriptionDeliveryPolicy.Parse(
            """{"healthyRetryPolicy": {"minDelayTarget": 1, "maxDelayTarget": 1, "numRetries": 0, "numNoDelayRetries": 0, "numMinDelayRetries": 0, "numMaxDelayRetries": 0, "backoffFunction": "linear"}, "sicklyRetryPolicy": null, "throttlePolicy": {"maxReceivesPerSecond": 1000}, "guaranteed": false}""")!;

        var effective = SnsDeliveryPolicy.Effective(topic, subscription);

        const string retry = """{"minDelayTarget":1,"maxDelayTarget":1,"numRetries":0,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"}""";
        Assert.Equal("""{"healthyRetryPolicy":""" + retry + ""","sicklyRetryPolicy":null,"throttlePolicy":{"maxReceivesPerSecond":1000},"requestPolicy":null,"guaranteed":false}""", subscription.Json);
        Assert.Equal("""{"healthyRetryPolicy":""" + retry + ""","sicklyRetryPolicy":null,"throttlePolicy":{"maxReceivesPerSecond":1000},"requestPolicy":{"headerContentType":"application/json"},"guaranteed":false}""", effective.Json);
        Assert.Equal(1000, effective.MaxReceivesPerSecond);
        Assert.Null(effective.DelayBeforeRetry(1));
    }

    [Fact]
    public void Effective_NoPolicies_SnsDefaults()
    {
        var effective = SnsDeliveryPolicy.Effective(null, null);

        Assert.Same(SnsRetryPolicy.Default, effective.RetryPolicy);
        Assert.Null(effective.MaxReceivesPerSecond);
        Assert.Equal("text/plain; charset=UTF-8", effective.HeaderContentType);
        Assert.Equal("""{"healthyRetryPolicy":""" + DefaultRetry + ""","sicklyRetryPolicy":null,"throttlePolicy":null,"requestPolicy":{"headerContentType":"text/plain; charset=UTF-8"},"guaranteed":false}""", effective.Json);
        Assert.Equal(SnsDeliveryPolicy.Default.Json, effective.Json);
    }

    [Fact]
    public void Effective_SubscriptionPolicy_OverridesTopicMemberByMember()
    {
        var topic = SnsTopicDeliveryPolicy.Parse(
            """{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":5,"maxDelayTarget":5,"numRetries":10},"defaultThrottlePolicy":{"maxReceivesPerSecond":3},"defaultRequestPolicy":{"headerContentType":"application/json"}}}""");
        var subscription = SnsSubscriptionDeliveryPolicy.Parse("""{"healthyRetryPolicy":{"minDelayTarget":1,"maxDelayTarget":2,"numRetries":1}}""");

        var effective = SnsDeliveryPolicy.Effective(topic, subscription);

        Assert.Equal(new SnsRetryPolicy(1, 2, 1), effective.RetryPolicy);
        Assert.Equal(3, effective.MaxReceivesPerSecond);
        Assert.Equal("application/json", effective.HeaderContentType);
    }

    [Fact]
    public void Effective_TopicDisablesOverrides_SubscriptionPolicyIgnored()
    {
        var topic = SnsTopicDeliveryPolicy.Parse("""{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":5,"maxDelayTarget":5,"numRetries":10},"disableSubscriptionOverrides":true}}""");
        var subscription = SnsSubscriptionDeliveryPolicy.Parse(
            """{"healthyRetryPolicy":{"minDelayTarget":1,"maxDelayTarget":2,"numRetries":1},"throttlePolicy":{"maxReceivesPerSecond":9},"requestPolicy":{"headerContentType":"text/csv"}}""");

        var effective = SnsDeliveryPolicy.Effective(topic, subscription);

        Assert.Equal(new SnsRetryPolicy(5, 5, 10), effective.RetryPolicy);
        Assert.Null(effective.MaxReceivesPerSecond);
        Assert.Equal("text/plain; charset=UTF-8", effective.HeaderContentType);
        Assert.Equal(TimeSpan.FromSeconds(5), effective.DelayBeforeRetry(10));
        Assert.Null(effective.DelayBeforeRetry(11));
    }

    [Theory]
    // Texts SNS returned for these (recorded in public bug reports and tests).
    [InlineData(true, """{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":101}}}""",
        "http.defaultHealthyRetryPolicy.numRetries must be less than or equal to 100")]
    [InlineData(false, """{"healthyRetryPolicy":{"numRetries":5}}""", "healthyRetryPolicy.minDelayTarget must be specified")]
    [InlineData(false, """{"healthyRetryPolicy":{"numRetries":0,"minDelayTarget":0,"maxDelayTarget":0,"numMinDelayRetries":0,"numMaxDelayRetries":0,"numNoDelayRetries":0,"backoffFunction":"exponential"}}""",
        "healthyRetryPolicy.minDelayTarget must be greater than or equal to 1")]
    [InlineData(true, """{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":"20","maxDelayTarget":20,"numRetries":3}}}""",
        "http.defaultHealthyRetryPolicy.minDelayTarget type mismatch, expecting integer, received a string")]
    [InlineData(true, """{"http":{},"throttlePolicy":{"maxReceivesPerSecond":1}}""", "Unexpected JSON member: throttlePolicy")]
    // Rules from the documentation, in SNS's wording style.
    [InlineData(true, "{not json", "failed to parse JSON")]
    [InlineData(false, "[1]", "failed to parse JSON")]
    [InlineData(false, """{"healthyRetryPolicy":{"minDelayTarget":1,"numRetries":5}}""", "healthyRetryPolicy.maxDelayTarget must be specified")]
    [InlineData(false, """{"healthyRetryPolicy":{"minDelayTarget":1,"maxDelayTarget":2}}""", "healthyRetryPolicy.numRetries must be specified")]
    [InlineData(false, """{"healthyRetryPolicy":{"minDelayTarget":1,"maxDelayTarget":3601,"numRetries":0}}""", "healthyRetryPolicy.maxDelayTarget must be less than or equal to 3600")]
    [InlineData(false, """{"healthyRetryPolicy":{"minDelayTarget":30,"maxDelayTarget":20,"numRetries":1}}""",
        "healthyRetryPolicy.minDelayTarget must be less than or equal to healthyRetryPolicy.maxDelayTarget")]
    [InlineData(false, """{"healthyRetryPolicy":{"minDelayTarget":1,"maxDelayTarget":2,"numRetries":-1}}""", "healthyRetryPolicy.numRetries must be greater than or equal to 0")]
    [InlineData(false, """{"healthyRetryPolicy":{"minDelayTarget":1,"maxDelayTarget":2,"numRetries":3,"numNoDelayRetries":-1}}""", "healthyRetryPolicy.numNoDelayRetries must be greater than or equal to 0")]
    [InlineData(false, """{"healthyRetryPolicy":{"minDelayTarget":1,"maxDelayTarget":2,"numRetries":3,"numNoDelayRetries":2,"numMaxDelayRetries":2}}""",
        "healthyRetryPolicy.numRetries must be greater than or equal to the sum of numNoDelayRetries, numMinDelayRetries and numMaxDelayRetries")]
    [InlineData(false, """{"healthyRetryPolicy":{"minDelayTarget":1,"maxDelayTarget":2,"numRetries":3,"backoffFunction":"cubic"}}""",
        "healthyRetryPolicy.backoffFunction must be one of linear, arithmetic, geometric, exponential")]
    [InlineData(false, """{"healthyRetryPolicy":{"minDelayTarget":1,"maxDelayTarget":2,"numRetries":3,"retries":1}}""", "Unexpected JSON member: retries")]
    [InlineData(false, """{"throttlePolicy":{"maxReceivesPerSecond":0}}""", "throttlePolicy.maxReceivesPerSecond must be greater than or equal to 1")]
    [InlineData(false, """{"throttlePolicy":{}}""", "throttlePolicy.maxReceivesPerSecond must be specified")]
    [InlineData(false, """{"requestPolicy":{"headerContentType":"not a media type"}}""", "requestPolicy.headerContentType must be a valid content type")]
    [InlineData(false, """{"requestPolicy":{"headerContentType":7}}""", "requestPolicy.headerContentType type mismatch, expecting string, received a number")]
    [InlineData(false, """{"guaranteed":"yes"}""", "guaranteed type mismatch, expecting boolean, received a string")]
    [InlineData(false, """{"healthyRetryPolicy":[]}""", "healthyRetryPolicy type mismatch, expecting object, received an array")]
    [InlineData(true, """{"http":{"disableSubscriptionOverrides":1}}""", "http.disableSubscriptionOverrides type mismatch, expecting boolean, received a number")]
    [InlineData(true, """{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":1,"maxDelayTarget":2400,"numRetries":5,"numNoDelayRetries":1}}}""",
        "http.defaultHealthyRetryPolicy: the total retry time must be less than or equal to 3600 seconds")]
    [InlineData(false, """{"healthyRetryPolicy":{"minDelayTarget":3600,"maxDelayTarget":3600,"numRetries":2}}""",
        "healthyRetryPolicy: the total retry time must be less than or equal to 3600 seconds")]
    public void Parse_InvalidPolicy_ThrowsSnsInvalidParameterText(bool topic, string json, string detail)
    {
        var error = topic
            ? Assert.Throws<SnsDeliveryPolicyException>(() => SnsTopicDeliveryPolicy.Parse(json))
            : Assert.Throws<SnsDeliveryPolicyException>(() => SnsSubscriptionDeliveryPolicy.Parse(json));

        Assert.Equal("Invalid parameter: DeliveryPolicy: " + detail, error.Message);
    }

    [Theory]
    // SNS accepted this one (and refused maxDelayTarget 2400, see above) when someone probed the one-hour limit.
    [InlineData(true, """{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":1,"maxDelayTarget":2399,"numRetries":5,"numMaxDelayRetries":0,"numNoDelayRetries":1,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":true}}""")]
    // The documentation's example policy.
    [InlineData(false, """{"healthyRetryPolicy":{"minDelayTarget":1,"maxDelayTarget":60,"numRetries":50,"numNoDelayRetries":3,"numMinDelayRetries":2,"numMaxDelayRetries":35,"backoffFunction":"exponential"},"throttlePolicy":{"maxReceivesPerSecond":10}}""")]
    // A production policy using all 100 retries within the hour.
    [InlineData(true, """{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":5,"maxDelayTarget":30,"numRetries":100,"numNoDelayRetries":5,"numMinDelayRetries":5,"numMaxDelayRetries":25,"backoffFunction":"exponential"}}}""")]
    // What the CDK sends (upper-case backoff function).
    [InlineData(false, """{"healthyRetryPolicy":{"minDelayTarget":5,"maxDelayTarget":10,"numRetries":6,"backoffFunction":"EXPONENTIAL"},"throttlePolicy":{"maxReceivesPerSecond":10},"requestPolicy":{"headerContentType":"application/json"}}""")]
    [InlineData(false, """{"healthyRetryPolicy":null,"sicklyRetryPolicy":{"minDelayTarget":1,"maxDelayTarget":1,"numRetries":1},"throttlePolicy":null,"requestPolicy":{},"guaranteed":true}""")]
    public void Parse_ValidPolicy_Accepted(bool topic, string json)
    {
        var parsed = topic ? SnsTopicDeliveryPolicy.Parse(json)?.Json : SnsSubscriptionDeliveryPolicy.Parse(json)?.Json;

        Assert.NotNull(parsed);
        // The stored form parses back to itself.
        Assert.Equal(parsed, topic ? SnsTopicDeliveryPolicy.Parse(parsed)!.Json : SnsSubscriptionDeliveryPolicy.Parse(parsed)!.Json);
    }
}
