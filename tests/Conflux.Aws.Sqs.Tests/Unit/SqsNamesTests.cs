namespace Conflux.Aws.Sqs.Tests.Unit;

public sealed class SqsNamesTests
{
    [Theory]
    [InlineData("orders", false, true)]
    [InlineData("orders-2_x", false, true)]
    [InlineData("orders.fifo", false, false)]
    [InlineData("orders.fifo", true, true)]
    [InlineData(".fifo", true, false)]
    [InlineData("orders", true, false)]
    [InlineData("has space", false, false)]
    [InlineData("", false, false)]
    public void IsValidQueueName_FollowsSqsRules(string name, bool fifo, bool valid) => Assert.Equal(valid, SqsNames.IsValidQueueName(name, fifo));

    [Fact]
    public void IsValidQueueName_EightyCharactersIncludingSuffix()
    {
        Assert.True(SqsNames.IsValidQueueName(new string('a', 80), fifo: false));
        Assert.False(SqsNames.IsValidQueueName(new string('a', 81), fifo: false));
        Assert.True(SqsNames.IsValidQueueName(new string('a', 75) + ".fifo", fifo: true));
        Assert.False(SqsNames.IsValidQueueName(new string('a', 76) + ".fifo", fifo: true));
    }

    [Theory]
    [InlineData("http://localhost:4566/000000000000/q", "000000000000", "q")]
    [InlineData("https://sqs.us-east-1.amazonaws.com/123456789012/q.fifo", "123456789012", "q.fifo")]
    [InlineData("/000000000000/q", "000000000000", "q")]
    public void TryParseUrl_ExtractsAccountAndName(string url, string account, string name)
    {
        Assert.True(SqsNames.TryParseUrl(url, out var parsedAccount, out var parsedName));
        Assert.Equal((account, name), (parsedAccount, parsedName));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("http://localhost:4566/")]
    public void TryParseUrl_Invalid_False(string url) => Assert.False(SqsNames.TryParseUrl(url, out _, out _));

    [Theory]
    [InlineData("a", true)]
    [InlineData("group 1", false)]
    [InlineData("", false)]
    [InlineData("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", true)]
    public void IsValidFifoId_AlphanumericAndPunctuation(string value, bool valid) => Assert.Equal(valid, SqsNames.IsValidFifoId(value));
}
