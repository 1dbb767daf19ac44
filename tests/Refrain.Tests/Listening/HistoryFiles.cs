using System.IO.Compression;
using System.Text.Json;

namespace Refrain.Tests.Listening;

/// <summary>Small Spotify history files built in code: extended streaming history and account data.</summary>
internal static class HistoryFiles
{
    public static Dictionary<string, object?> Extended(string ts, string? track, string? artist, long msPlayed = 200_000, string? album = "Album",
        string? uri = null, bool incognito = false) => new()
    {
        ["ts"] = ts, ["ms_played"] = msPlayed, ["master_metadata_track_name"] = track, ["master_metadata_album_artist_name"] = artist,
        ["master_metadata_album_album_name"] = album, ["spotify_track_uri"] = uri, ["episode_name"] = null, ["episode_show_name"] = null,
        ["audiobook_title"] = null, ["skipped"] = false, ["reason_end"] = "trackdone", ["incognito_mode"] = incognito,
    };

    public static Dictionary<string, object?> With(Dictionary<string, object?> row, string member, object? value)
    {
        row[member] = value;
        return row;
    }

    public static Dictionary<string, object?> AccountData(string endTime, string artist, string track, long msPlayed = 200_000) => new()
    {
        ["endTime"] = endTime, ["artistName"] = artist, ["trackName"] = track, ["msPlayed"] = msPlayed,
    };

    public static string Write(string directory, string name, IEnumerable<object> rows)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, JsonSerializer.Serialize(rows));
        return path;
    }

    public static string WriteText(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public static string Zip(string directory, string name, params (string Entry, string Text)[] entries)
    {
        var path = Path.Combine(directory, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, text) in entries)
        {
            using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
            writer.Write(text);
        }

        return path;
    }
}
