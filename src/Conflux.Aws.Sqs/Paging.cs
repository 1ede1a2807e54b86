using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sqs;

/// <summary>SQS's use of <see cref="KeyPaging"/>: without MaxResults it returns up to 1,000 names and no token.</summary>
internal static class Paging
{
    public static (List<string> Page, string? NextToken) Page(IEnumerable<string> names, string? token, int? max)
    {
        var (page, next) = KeyPaging.Page(names, token, max ?? 1000, static () => CommonErrors.InvalidParameterValue("Invalid NextToken value."));
        return (page, max is null ? null : next);
    }
}
