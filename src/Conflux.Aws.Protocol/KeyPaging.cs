using System.Text;

namespace Conflux.Aws.Protocol;

/// <summary>
/// NextToken paging over a key-ordered list (queue names, topic names, ARNs): the token is the last key
/// returned, encoded, so a page stays correct while entities are added or removed between calls.
/// </summary>
public static class KeyPaging
{
    /// <summary>Up to <paramref name="limit"/> keys after the token, and the token for the next page (null at the end).</summary>
    public static (List<string> Page, string? NextToken) Page(IEnumerable<string> orderedKeys, string? token, int limit, Func<AwsServiceException> invalidToken)
    {
        var after = Decode(token, invalidToken);
        var remaining = after is null ? orderedKeys : orderedKeys.Where(k => string.CompareOrdinal(k, after) > 0);
        var page = remaining.Take(limit + 1).ToList();
        if (page.Count <= limit) return (page, null);
        page.RemoveAt(page.Count - 1);
        return (page, Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1])));
    }

    private static string? Decode(string? token, Func<AwsServiceException> invalidToken)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw invalidToken();
        }
    }
}
