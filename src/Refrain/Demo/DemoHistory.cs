using System.Globalization;
using System.Text.Json;
using Refrain.Sandbox;

namespace Refrain.Demo;

/// <summary>
/// A listener's extended streaming history (<c>Streaming_History_Audio_*.json</c>) over tracks of the sandbox catalog, so
/// that enrichment resolves every play against the sandbox: a favourite few played often, some plays without a track id
/// (resolved by search) and a few short ones the import leaves out.
/// </summary>
internal static class DemoHistory
{
    public const string FileName = "Streaming_History_Audio_demo.json";

    /// <param name="listener">Picks this listener's own tracks: each listener's history differs.</param>
    /// <param name="until">The last play ends before this; plays go back about a month.</param>
    public static byte[] Generate(SandboxCatalog catalog, int listener, int plays, DateTimeOffset until)
    {
        var random = new Random(catalog.Seed + listener);
        var pool = catalog.Tracks.Where(t => t.Isrc is not null).ToList();
        var tracks = Enumerable.Range(0, 40).Select(_ => pool[random.Next(pool.Count)]).Distinct().ToList();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            var at = until.AddDays(-30);
            for (var i = 0; i < plays; i++)
            {
                // Squaring skews the choice towards the first tracks, as a real listener's favourites.
                var track = tracks[(int)(Math.Pow(random.NextDouble(), 2) * tracks.Count)];
                at = at.AddSeconds(30 * 24 * 3600.0 / plays);
                var skipped = random.Next(20) == 0;
                w.WriteStartObject();
                w.WriteString("ts", at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                w.WriteString("platform", "linux");
                w.WriteNumber("ms_played", skipped ? 12_000 : track.DurationMs);
                w.WriteString("master_metadata_track_name", track.Name);
                w.WriteString("master_metadata_album_artist_name", track.Artists[0].Name);
                w.WriteString("master_metadata_album_album_name", track.Album.Name);
                if (tracks.IndexOf(track) % 8 == 7)
                {
                    w.WriteNull("spotify_track_uri");
                }
                else
                {
                    w.WriteString("spotify_track_uri", "spotify:track:" + track.Id);
                }

                w.WriteNull("episode_name");
                w.WriteNull("episode_show_name");
                w.WriteNull("spotify_episode_uri");
                w.WriteNull("audiobook_title");
                w.WriteString("reason_start", "trackdone");
                w.WriteString("reason_end", skipped ? "fwdbtn" : "trackdone");
                w.WriteBoolean("skipped", skipped);
                w.WriteBoolean("incognito_mode", false);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return stream.ToArray();
    }
}
