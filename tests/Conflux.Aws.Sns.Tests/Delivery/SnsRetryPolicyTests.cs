using Conflux.Aws.Sns.Delivery;

namespace Conflux.Aws.Sns.Tests.Delivery;

public sealed class SnsRetryPolicyTests
{
    private static int?[] Schedule(SnsRetryPolicy policy) =>
        [.. Enumerable.Range(1, policy.NumRetries + 1).Select(n => policy.DelayBeforeRetry(n) is { } delay ? (int?)delay.TotalSeconds : null)];

    [Fact]
    public void DelayBeforeRetry_Default_ThreeRetriesTwentySecondsApart() =>
        Assert.Equal([20, 20, 20, null], Schedule(SnsRetryPolicy.Default));

    [Fact]
    public void DelayBeforeRetry_DocumentedMaxDelay40_LinearFrom20To40() =>
        Assert.Equal([20, 30, 40, null], Schedule(SnsRetryPolicy.Default with { MaxDelayTarget = 40 }));

    [Fact]
    public void DelayBeforeRetry_AllFourPhasesExponential_ImmediateThenMinThenBackoffThenMax() =>
        Assert.Equal(
            [0, 0, 1, 1, 1, 4, 9, 20, 20, 20, null],
            Schedule(new SnsRetryPolicy(1, 20, 10, NumNoDelayRetries: 2, NumMinDelayRetries: 2, NumMaxDelayRetries: 2, BackoffFunction: SnsBackoffFunction.Exponential)));

    [Fact]
    public void DelayBeforeRetry_AllFourPhasesLinear_BackoffEvenlySpaced() =>
        Assert.Equal(
            [0, 10, 10, 10, 25, 40, 40, null],
            Schedule(new SnsRetryPolicy(10, 40, 7, NumNoDelayRetries: 1, NumMinDelayRetries: 2, NumMaxDelayRetries: 1)));

    [Theory]
    [InlineData(SnsBackoffFunction.Linear, new[] { 5, 33, 62, 90, 118, 147, 175, 203, 232, 260 })]
    [InlineData(SnsBackoffFunction.Arithmetic, new[] { 5, 11, 22, 39, 62, 90, 124, 164, 209, 260 })]
    [InlineData(SnsBackoffFunction.Geometric, new[] { 5, 8, 12, 19, 29, 45, 70, 108, 168, 260 })]
    [InlineData(SnsBackoffFunction.Exponential, new[] { 5, 5, 6, 8, 12, 20, 36, 68, 132, 260 })]
    public void DelayBeforeRetry_DocumentedGraphPolicy_ClimbsFromMinToMax(SnsBackoffFunction function, int[] expected)
    {
        // The documentation's comparison: ten backoff retries from 5 to 260 seconds.
        var schedule = Schedule(new SnsRetryPolicy(5, 260, 10, BackoffFunction: function));

        Assert.Equal(expected.Select(d => (int?)d).Append(null), schedule);
    }

    [Fact]
    public void DelayBeforeRetry_NoRetries_Null() => Assert.Null(new SnsRetryPolicy(1, 1, 0).DelayBeforeRetry(1));

    [Fact]
    public void DelayBeforeRetry_SingleBackoffRetry_UsesMinDelay() =>
        Assert.Equal([0, 3, 9, null], Schedule(new SnsRetryPolicy(3, 9, 3, NumNoDelayRetries: 1, NumMaxDelayRetries: 1)));

    [Fact]
    public void DelayBeforeRetry_RetryZero_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SnsRetryPolicy.Default.DelayBeforeRetry(0));
}
