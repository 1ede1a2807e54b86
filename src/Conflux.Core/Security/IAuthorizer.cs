namespace Conflux.Core.Security;

/// <summary>
/// The seam every request passes through after its principal is resolved and before it touches an
/// entity. Actions are named "service:Action" (sqs:SendMessage) so cloud-style policies map directly.
/// </summary>
public interface IAuthorizer
{
    ValueTask<AuthorizationResult> AuthorizeAsync(Principal principal, string action, string resource, CancellationToken cancellationToken = default);
}

public readonly record struct AuthorizationResult(bool Allowed, string? Reason = null)
{
    public static AuthorizationResult Allow => new(true);

    public static AuthorizationResult Deny(string reason) => new(false, reason);
}

/// <summary>Allows everything; the default until access control is configured.</summary>
public sealed class AllowAllAuthorizer : IAuthorizer
{
    public ValueTask<AuthorizationResult> AuthorizeAsync(Principal principal, string action, string resource, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(AuthorizationResult.Allow);
}
