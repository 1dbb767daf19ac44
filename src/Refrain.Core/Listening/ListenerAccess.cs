namespace Refrain.Listening;

/// <summary>A listener's usable Spotify access token (decrypted, valid for at least five more minutes) and Spotify user id.</summary>
public sealed record ListenerAccess(long ListenerId, string AccessToken, string? SpotifyUserId)
{
    /// <summary>Never the token: records print themselves in logs and exceptions.</summary>
    public override string ToString() => $"ListenerAccess {{ ListenerId = {ListenerId}, SpotifyUserId = {SpotifyUserId} }}";
}
