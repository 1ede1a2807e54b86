namespace Conflux.Aws.Sns.Filtering;

/// <summary>The InvalidParameter texts SNS returns for filter policies (recorded against AWS where noted in the tests).</summary>
internal static class PolicyErrors
{
    private const string InvalidParameter = "Invalid parameter: ";
    private const string FilterPolicy = "FilterPolicy: ";

    public static FilterPolicyException Policy(string message) => new(InvalidParameter + FilterPolicy + message);

    public static FilterPolicyException NotJson() => Policy("failed to parse JSON.");

    public static FilterPolicyException TooLarge() => Policy("Filter policy can not be larger than 256 KB");

    public static FilterPolicyException TooManyKeys() => Policy("Filter policy can not have more than 5 keys");

    public static FilterPolicyException TooComplex() => Policy("Filter policy is too complex");

    public static FilterPolicyException NestedInAttributesScope() =>
        new(InvalidParameter + "Filter policy scope MessageAttributes does not support nested filter policy");
}
