namespace Refrain.Sandbox;

/// <summary>An authorization code waiting to be exchanged; <see cref="Challenge"/> is the PKCE S256 challenge, null without PKCE.</summary>
internal sealed record PendingCode(string RedirectUri, SandboxUser User, string Scope, string? Challenge, DateTimeOffset ExpiresAt);
