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
    public ValueTask<Principal> AuthenticateAsync(HttpContext http, AwsCredentials? credentials, AwsAccount account) =>
        ValueTask.FromResult(Principal.Anonymous(account.AccountId, credentials?.AccessKeyId));
}
