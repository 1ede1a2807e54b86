using Conflux.Testing;

namespace Conflux.Aws.Sqs.Tests;

/// <summary>The Sqs Python suites (boto3 over JSON, botocore over the query protocol, the aws CLI), each test reported as its own case.</summary>
public sealed class PythonSuite() : PythonSuiteFixture(SuiteDirectory)
{
    public static string SuiteDirectory => Path.Combine(Repository.Root, "tests", "Conflux.Aws.Sqs.Tests", "python");
}

public sealed class PythonSuiteTests(PythonSuite fixture) : IClassFixture<PythonSuite>
{
    public static IEnumerable<object[]> Cases => PythonSuiteFixture.Discover(PythonSuite.SuiteDirectory);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Python(string test) => fixture.AssertPassed(test);
}
