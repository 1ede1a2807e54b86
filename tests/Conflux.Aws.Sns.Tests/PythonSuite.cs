using Conflux.Testing;

namespace Conflux.Aws.Sns.Tests;

/// <summary>The Sns Python suites (boto3 over the query protocol, the aws CLI, an in-test HTTP subscriber checking handshakes and signatures), each test reported as its own case.</summary>
public sealed class PythonSuite() : PythonSuiteFixture(SuiteDirectory)
{
    public static string SuiteDirectory => Path.Combine(Repository.Root, "tests", "Conflux.Aws.Sns.Tests", "python");
}

public sealed class PythonSuiteTests(PythonSuite fixture) : IClassFixture<PythonSuite>
{
    public static IEnumerable<object[]> Cases => PythonSuiteFixture.Discover(PythonSuite.SuiteDirectory);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Python(string test) => fixture.AssertPassed(test);
}
