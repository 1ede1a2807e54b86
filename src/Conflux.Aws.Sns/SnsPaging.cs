using System.Text;

namespace Conflux.Aws.Sns;

/// <summary>
/// Pages over an ordered key sequence. The token is the last key returned (opaque to clients), so a
/// page stays correct while entities are added or removed between calls.
/// </summary>
internal static class SnsPaging
{
    public static (IReadOnlyList<string> Page, string? Next) Page(IEnumerable<string> orderedKeys, string? token, int size)
    {
        string? after = null;
        if (!string.IsNullOrEmpty(token))
        {
            try
            {
                after = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            }
            catch (FormatException)
            {
                throw SnsErrors.Invalid("NextToken");
            }
        }
        var page = new List<string>(size);
        var more = false;
        foreach (var key in orderedKeys)
        {
            if (after is not null && string.CompareOrdinal(key, after) <= 0) continue;
            if (page.Count == size)
            {
                more = true;
                break;
            }
            page.Add(key);
        }
        return (page, more ? Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1])) : null);
    }
}
