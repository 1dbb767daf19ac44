namespace Refrain.Sandbox;

/// <summary>One play of a generated listening history: <see cref="PlayedAt"/> is the end of the play (as Spotify's <c>played_at</c>), to the millisecond.</summary>
public sealed record SandboxPlay(SandboxTrack Track, DateTimeOffset PlayedAt, int MsPlayed);
