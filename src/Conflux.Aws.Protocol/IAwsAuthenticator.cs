using Conflux.Core.Security;
using Microsoft.AspNetCore.Http;

namespace Conflux.Aws.Protocol;

/// <summary>
/// Resolves the principal of every AWS request. The default accepts any credentials (signatures are
/// not verified yet) and names the principal after the access key; signature verification replaces it.
/// </summary>
public interface IAwsAuthenticator
{
    ValueTask<Principal> AuthenticateAsync(HttpContext http, AwsCredentials? credentials, AwsAccount account);
}

public sealed class AcceptAnyCredentials : IAwsAuthenticator
{
    private readonly Core.Diagnostics.BoundedCache<Principal> _principals = new();

    public ValueTask<Principal> AuthenticateAsync(HttpContext http, AwsCredentials? credentials, AwsAccount account) =>
        ValueTask.FromResult(credentials is null
            ? Principal.Anonymous(account.AccountId)
            : _principals.GetOrAdd(credentials.AccessKeyId, static (key, accountId) => Principal.Anonymous(accountId, key), account.AccountId));
}
