namespace Refrain.Listening;

/// <summary>
/// A play ready to store: <see cref="PlayedAt"/> is the end of the play in Unix ms, truncated to its precision;
/// <see cref="NameKey"/> a 64-bit hash of the normalised artist and title, which the merge looks up.
/// </summary>
internal sealed record PlayRow(
    string IngestKey, string Artist, string Title, string? Album, string NormArtist, string NormTitle, long NameKey,
    long PlayedAt, long MsPlayed, string Source, int PrecisionMs, string? SpotifyTrackId);
