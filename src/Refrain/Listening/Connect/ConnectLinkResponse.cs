namespace Refrain.Listening.Connect;

/// <summary>A connect link to hand to the listener: open it once, before <see cref="ExpiresAt"/>, to connect Spotify.</summary>
public sealed record ConnectLinkResponse(Uri Url, DateTimeOffset ExpiresAt);
