namespace Refrain.Sandbox;

/// <summary>One user's consent to the client: what its refresh token stands for. Revoked when the user removes the app's access.</summary>
internal sealed class UserGrant(SandboxUser user, string scope, DateTimeOffset authorizedAt, bool pkce)
{
    private volatile bool _revoked;

    public SandboxUser User { get; } = user;

    public string Scope { get; } = scope;

    public DateTimeOffset AuthorizedAt { get; } = authorizedAt;

    /// <summary>Granted through PKCE: refreshing needs no client secret.</summary>
    public bool Pkce { get; } = pkce;

    public bool Revoked => _revoked;

    public void Revoke() => _revoked = true;
}
