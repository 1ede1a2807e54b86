namespace Conflux.Core.Security;

/// <summary>
/// Who is making a request, as a face resolved it from its credentials (an AWS access key, a SAS or
/// JWT token). Until signature verification lands every face resolves an anonymous principal with the
/// access key id it was given.
/// </summary>
public sealed record Principal(string Id, string Account, bool Authenticated)
{
    public static Principal Anonymous(string account, string? keyId = null) => new(keyId ?? "anonymous", account, false);
}
