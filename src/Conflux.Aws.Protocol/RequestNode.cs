namespace Conflux.Aws.Protocol;

/// <summary>
/// A request (or a nested structure of one) read the same way whichever protocol carried it. Members
/// are named as in the JSON model; where the query protocol uses another name (flattened lists and
/// maps use an item name) the caller passes it. Absent members read as null.
/// </summary>
public abstract class RequestNode
{
    public abstract string? String(string name);

    /// <summary>A string member as UTF-8 bytes (message bodies), without a UTF-16 detour where the protocol allows.</summary>
    public virtual byte[]? Utf8(string name) => String(name) is { } text ? System.Text.Encoding.UTF8.GetBytes(text) : null;

    public abstract int? Int(string name);

    public abstract long? Long(string name);

    public abstract bool? Bool(string name);

    /// <summary>A blob: base64 in both protocols.</summary>
    public abstract byte[]? Blob(string name);

    /// <summary>A list of strings; <paramref name="queryItem"/> is its flattened name in the query protocol.</summary>
    public abstract IReadOnlyList<string>? StringList(string name, string queryItem);

    public abstract IReadOnlyList<RequestNode>? StructList(string name, string queryItem);

    /// <summary>A string→string map; in the query protocol entries are <c>queryEntry.N.queryKey</c>/<c>queryEntry.N.queryValue</c>.</summary>
    public abstract IReadOnlyList<KeyValuePair<string, string>>? StringMap(string name, string queryEntry, string queryKey = "Name", string queryValue = "Value");

    public abstract IReadOnlyList<KeyValuePair<string, RequestNode>>? StructMap(string name, string queryEntry, string queryKey = "Name", string queryValue = "Value");

    /// <summary>Whether the member is present at all (even empty).</summary>
    public abstract bool Has(string name);

    public string Required(string name) => String(name) ?? throw CommonErrors.MissingParameter(name);
}
