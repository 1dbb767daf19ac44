namespace Refrain.Sandbox;

/// <summary>An artist: its Spotify id, its MusicBrainz id, names, and whether it is a group.</summary>
public sealed record SandboxArtist(string SpotifyId, string MusicBrainzId, string Name, string SortName, bool IsGroup);
