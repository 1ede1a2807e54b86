using System.Text;
using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sqs;

/// <summary>NextToken paging over name-ordered lists: the token is the last name returned, encoded.</summary>
internal static class Paging
{
    /// <summary>
    /// A page of <paramref name="names"/> (ordinal order) after the token. Without <paramref name="max"/>
    /// SQS returns up to 1,000 and no token.
    /// </summary>
    public static (List<string> Page, string? NextToken) Page(IEnumerable<string> names, string? token, int? max)
    {
        var after = Decode(token);
        var remaining = after is null ? names : names.Where(n => string.CompareOrdinal(n, after) > 0);
        var limit = max ?? 1000;
        var page = remaining.Take(limit + 1).ToList();
        if (page.Count <= limit || max is null) return (page.Take(limit).ToList(), null);
        page.RemoveAt(page.Count - 1);
        return (page, Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1])));
    }

    private static string? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw CommonErrors.InvalidParameterValue("Invalid NextToken value.");
        }
    }
}
