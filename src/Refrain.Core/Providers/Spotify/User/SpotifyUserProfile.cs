namespace Refrain.Providers.Spotify;

/// <summary>The parts of <c>GET /v1/me</c> Refrain keeps: the Spotify user id and display name.</summary>
public sealed record SpotifyUserProfile(string Id, string? DisplayName);
