namespace Refrain.Providers.Spotify;

/// <summary>
/// A token answer of the Accounts service for a user: the access token, its lifetime, and the refresh token when the answer
/// carried one (an authorization always does; a refresh may not, and then the old one stays valid).
/// </summary>
public sealed record SpotifyUserToken(string AccessToken, TimeSpan ExpiresIn, string? RefreshToken, string? Scope)
{
    /// <summary>Never the tokens: records print themselves in logs and exceptions.</summary>
    public override string ToString() => $"SpotifyUserToken {{ ExpiresIn = {ExpiresIn}, Rotated = {RefreshToken is not null}, Scope = {Scope} }}";
}
