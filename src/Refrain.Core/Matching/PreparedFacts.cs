using System.Globalization;
using Refrain.Providers.Spotify;

namespace Refrain.Matching;

/// <summary>A song or a candidate track with everything the scoring compares normalised once (the album only when asked).</summary>
internal sealed class PreparedFacts
{
    private ParsedTitle? _album;
    private VersionKind? _albumKinds;

    public required ParsedTitle Title { get; init; }
    public required ArtistSet Artists { get; init; }
    public required string? Isrc { get; init; }

    /// <summary>Null when unknown (a song without a canonical duration, a track reporting 0).</summary>
    public required int? DurationMs { get; init; }

    public required string? AlbumName { get; init; }

    public SpotifyTrack? Track { get; init; }

    /// <summary>Album 0, single 1, compilation 2, anything else 3.</summary>
    public int AlbumTypeRank { get; init; } = 3;

    /// <summary>The release date as yyyymmdd (missing month or day as 00); <see cref="int.MaxValue"/> when unknown.</summary>
    public int ReleaseKey { get; init; } = int.MaxValue;

    /// <summary>The album's name parsed like a title (so "(Deluxe Edition)" goes); null without an album.</summary>
    public ParsedTitle? Album => _album ??= AlbumName is { Length: > 0 } name ? TitleParser.Parse(name) : null;

    /// <summary>Versions the album's name claims (a live album), which excuse a track title that does not repeat them.</summary>
    public VersionKind AlbumKinds => _albumKinds ??= AlbumName is { Length: > 0 } name
        ? VersionClassifier.AlbumKinds(TextNormalizer.Normalize(name).Split(' '))
        : VersionKind.None;

    public static PreparedFacts From(SongFacts song)
    {
        var title = TitleParser.Parse(song.Title);
        return new PreparedFacts
        {
            Title = title,
            Artists = ArtistSet.Create(song.Artists, title.Featured),
            Isrc = NormalizeIsrc(song.Isrc),
            DurationMs = song.DurationMs is > 0 ? song.DurationMs : null,
            AlbumName = song.Album,
        };
    }

    public static PreparedFacts From(SpotifyTrack track)
    {
        var title = TitleParser.Parse(track.Name);
        return new PreparedFacts
        {
            Title = title,
            Artists = ArtistSet.Create(track.Artists.Select(a => a.Name), title.Featured),
            Isrc = NormalizeIsrc(track.Isrc),
            DurationMs = track.DurationMs > 0 ? track.DurationMs : null,
            AlbumName = track.Album?.Name,
            Track = track,
            AlbumTypeRank = track.Album?.AlbumType switch
            {
                { } t when t.Equals("album", StringComparison.OrdinalIgnoreCase) => 0,
                { } t when t.Equals("single", StringComparison.OrdinalIgnoreCase) => 1,
                { } t when t.Equals("compilation", StringComparison.OrdinalIgnoreCase) => 2,
                _ => 3,
            },
            ReleaseKey = ParseReleaseDate(track.Album?.ReleaseDate),
        };
    }

    private static string? NormalizeIsrc(string? isrc)
    {
        if (string.IsNullOrWhiteSpace(isrc))
        {
            return null;
        }

        var normalized = isrc.Trim();
        if (normalized.Contains('-', StringComparison.Ordinal) || normalized.Contains(' ', StringComparison.Ordinal))
        {
            normalized = normalized.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        }

        return normalized.Length == 0 ? null : normalized.ToUpperInvariant();
    }

    private static int ParseReleaseDate(string? date)
    {
        if (string.IsNullOrWhiteSpace(date))
        {
            return int.MaxValue;
        }

        var key = 0;
        var fields = 0;
        foreach (var range in date.AsSpan().Trim().Split('-'))
        {
            if (fields == 3 || !int.TryParse(date.AsSpan().Trim()[range], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return int.MaxValue;
            }

            key = fields == 0 ? value : (key * 100) + value;
            fields++;
        }

        for (; fields < 3; fields++)
        {
            key *= 100;
        }

        return key;
    }
}
