using System.Globalization;
using System.Text.Json;

namespace Refrain.Listening;

/// <summary>Turns one object of a history file into a <see cref="PlayRow"/> or the reason it is skipped.</summary>
internal static class PlayParser
{
    /// <summary>Plays shorter than this do not count as listens (Spotify's own rule for a stream).</summary>
    public const long MinimumMsPlayed = 30_000;

    /// <summary>The format named by the members of a file's first object; null for any other shape.</summary>
    public static HistoryFormat? Detect(JsonElement first)
    {
        if (first.TryGetProperty("ts", out _) || first.TryGetProperty("ms_played", out _) || first.TryGetProperty("master_metadata_track_name", out _))
        {
            return HistoryFormat.Extended;
        }

        return first.TryGetProperty("endTime", out _) || first.TryGetProperty("msPlayed", out _) ? HistoryFormat.AccountData : null;
    }

    /// <summary>Parses one row; <paramref name="known"/> remembers the names of the file's earlier rows.</summary>
    public static PlayOutcome Parse(JsonElement row, HistoryFormat format, PlayNames known, out PlayRow? play) =>
        format == HistoryFormat.Extended ? ParseExtended(row, known, out play) : ParseAccountData(row, known, out play);

    private static PlayOutcome ParseExtended(JsonElement row, PlayNames known, out PlayRow? play)
    {
        play = null;
        if (!row.TryGetProperty("ts", out var ts) || ts.ValueKind != JsonValueKind.String || !ts.TryGetDateTimeOffset(out var end)
            || Long(row, "ms_played") is not { } ms)
        {
            return PlayOutcome.Invalid;
        }

        if (Text(row, "episode_name") is not null || Text(row, "episode_show_name") is not null || Text(row, "spotify_episode_uri") is not null
            || Text(row, "audiobook_title") is not null || Text(row, "audiobook_uri") is not null)
        {
            return PlayOutcome.Podcast;
        }

        if (Text(row, "master_metadata_track_name") is not { } title || Text(row, "master_metadata_album_artist_name") is not { } artist)
        {
            return PlayOutcome.Invalid;
        }

        if (row.TryGetProperty("incognito_mode", out var incognito) && incognito.ValueKind == JsonValueKind.True)
        {
            return PlayOutcome.Incognito;
        }

        if (ms < MinimumMsPlayed)
        {
            return PlayOutcome.Short;
        }

        var endMs = end.ToUnixTimeMilliseconds();
        var trackId = Text(row, "spotify_track_uri") is { } uri && uri.StartsWith("spotify:track:", StringComparison.Ordinal) ? uri[14..] : null;
        play = Build(artist, title, Text(row, "master_metadata_album_album_name"), endMs - Mod(endMs, 1000), ms, "extended", 1000, trackId, known);
        return PlayOutcome.Accepted;
    }

    private static PlayOutcome ParseAccountData(JsonElement row, PlayNames known, out PlayRow? play)
    {
        play = null;
        if (Text(row, "endTime") is not { } endTime
            || !DateTime.TryParseExact(endTime, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var end)
            || Long(row, "msPlayed") is not { } ms)
        {
            return PlayOutcome.Invalid;
        }

        if (Text(row, "episodeName") is not null || Text(row, "podcastName") is not null)
        {
            return PlayOutcome.Podcast;
        }

        if (Text(row, "trackName") is not { } title || Text(row, "artistName") is not { } artist)
        {
            return PlayOutcome.Invalid;
        }

        if (ms < MinimumMsPlayed)
        {
            return PlayOutcome.Short;
        }

        var endMs = new DateTimeOffset(end, TimeSpan.Zero).ToUnixTimeMilliseconds();
        play = Build(artist, title, null, endMs, ms, "account_data", 60_000, null, known);
        return PlayOutcome.Accepted;
    }

    internal static PlayRow Build(string artist, string title, string? album, long playedAt, long ms, string source, int precision, string? trackId,
        PlayNames? known = null)
    {
        var names = known?.Of(artist, title) ?? PlayNames.Compute(artist, title);
        // The ingest key is the end second plus the names' hash: the same for the same play however often it is imported.
        var ingestKey = string.Create(CultureInfo.InvariantCulture, $"{playedAt / 1000}:{names.KeyHex}");
        return new PlayRow(ingestKey, artist, title, album, names.NormArtist, names.NormTitle, names.NameKey, playedAt, ms, source, precision, trackId);
    }

    private static long Mod(long value, long by) => ((value % by) + by) % by;

    private static string? Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s) ? s : null;

    private static long? Long(JsonElement row, string name) =>
        row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0 ? n : null;
}
