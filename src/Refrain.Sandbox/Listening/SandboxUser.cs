namespace Refrain.Sandbox;

/// <summary>
/// A generated Spotify user the sandbox authorizes as (numbered from 1): its user id (28 characters, as newer Spotify
/// accounts have), display name, country, product (<c>premium</c> or <c>free</c>) and e-mail.
/// </summary>
public sealed record SandboxUser(int Number, string Id, string DisplayName, string Country, string Product, string Email);
