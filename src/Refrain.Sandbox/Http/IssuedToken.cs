namespace Refrain.Sandbox;

/// <summary>An access token's expiry and whom it speaks for: no user for client credentials, else the user and the granted scopes.</summary>
internal sealed record IssuedToken(DateTimeOffset Expiry, SandboxUser? User, IReadOnlySet<string> Scopes);
