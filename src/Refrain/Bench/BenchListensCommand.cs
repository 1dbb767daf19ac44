using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Refrain.Listening;
using Refrain.Storage;

namespace Refrain.Cli;

/// <summary>
/// <c>refrain bench listens</c>: writes an extended streaming-history file of N plays in a temp folder, then times its
/// import twice (the second adds nothing). Prints numbers; asserts nothing.
/// </summary>
internal static class BenchListensCommand
{
    public static Command Create()
    {
        var plays = new Option<int>("--plays") { Description = "Plays in the generated file", DefaultValueFactory = _ => 1_000_000 };
        var command = new Command("listens", "Generate an extended-history file and time its import and re-import") { plays };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(RefrainCli.Database), parse.GetValue(plays), parse.GetValue(RefrainCli.JsonOption), ct));
        return command;
    }

    private static async Task<int> RunAsync(string? database, int playCount, bool json, CancellationToken ct)
    {
        if (playCount < 1)
        {
            await Console.Error.WriteLineAsync("error: --plays must be at least 1");
            return ExitCodes.BadInput;
        }

        var folder = Directory.CreateTempSubdirectory("refrain-bench-listens-").FullName;
        var temp = database is null ? Path.Combine(folder, "bench.db") : null;
        var time = TimeProvider.System;
        var store = StoreFactory.Create(database ?? $"Data Source={temp}", time);
        try
        {
            await store.MigrateAsync(ct);
            var file = Path.Combine(folder, "Streaming_History_Audio_bench.json");
            await Console.Error.WriteLineAsync($"bench: writing {playCount} plays");
            await WriteFileAsync(file, playCount, ct);
            var listener = await store.CreateListenerAsync(1, $"bench-{Guid.NewGuid():N}", ct);
            var importer = new ListenImporter(store);

            await Console.Error.WriteLineAsync("bench: importing");
            var start = time.GetTimestamp();
            var first = await importer.ImportAsync(listener, file, ct);
            var firstSeconds = time.GetElapsedTime(start).TotalSeconds;
            await Console.Error.WriteLineAsync("bench: importing again");
            start = time.GetTimestamp();
            var again = await importer.ImportAsync(listener, file, ct);
            var againSeconds = time.GetElapsedTime(start).TotalSeconds;
            if ((first.Error ?? again.Error) is { } error)
            {
                await Console.Error.WriteLineAsync($"error: {error}");
                return ExitCodes.Errors;
            }

            using var self = Process.GetCurrentProcess();
            var result = new
            {
                database = store.Dialect, plays = playCount, file_mb = Math.Round(new FileInfo(file).Length / 1024.0 / 1024.0, 1),
                imported = first.Counts.Imported, seconds = Math.Round(firstSeconds, 2), plays_per_s = Math.Round(playCount / firstSeconds),
                again_imported = again.Counts.Imported, again_duplicate = again.Counts.Duplicate, again_seconds = Math.Round(againSeconds, 2),
                again_plays_per_s = Math.Round(playCount / againSeconds), peak_memory_mb = Math.Round(self.PeakWorkingSet64 / 1024.0 / 1024.0, 1),
            };
            if (json)
            {
                Output.Json(Console.Out, result);
            }
            else
            {
                Console.Out.WriteLine($"{result.database}: {playCount} plays: imported {result.imported} in {result.seconds} s ({result.plays_per_s}/s); " +
                    $"again {result.again_imported} imported, {result.again_duplicate} duplicate in {result.again_seconds} s; peak {result.peak_memory_mb} MB");
            }

            return ExitCodes.Success;
        }
        finally
        {
            await store.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Plays 200 s apart from 2015 over 8,000 distinct tracks, written as a stream like the real export.</summary>
    private static async Task WriteFileAsync(string path, int count, CancellationToken ct)
    {
        await using var stream = File.Create(path);
        await using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartArray();
        var start = new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var track = i % 8000;
            writer.WriteStartObject();
            writer.WriteString("ts", start.AddSeconds(i * 200L));
            writer.WriteString("platform", "linux");
            writer.WriteNumber("ms_played", 30_000 + (i % 170_000));
            writer.WriteString("conn_country", "NL");
            writer.WriteString("master_metadata_track_name", $"Bench Song {track}");
            writer.WriteString("master_metadata_album_artist_name", $"Bench Artist {track % 900}");
            writer.WriteString("master_metadata_album_album_name", $"Bench Album {track % 2000}");
            writer.WriteString("spotify_track_uri", $"spotify:track:bench{track:D17}");
            writer.WriteNull("episode_name");
            writer.WriteNull("episode_show_name");
            writer.WriteNull("spotify_episode_uri");
            writer.WriteNull("audiobook_title");
            writer.WriteString("reason_start", "trackdone");
            writer.WriteString("reason_end", "trackdone");
            writer.WriteBoolean("shuffle", false);
            writer.WriteBoolean("skipped", false);
            writer.WriteBoolean("offline", false);
            writer.WriteBoolean("incognito_mode", false);
            writer.WriteEndObject();
            if (writer.BytesPending > 1 << 16)
            {
                await writer.FlushAsync(ct);
            }
        }

        writer.WriteEndArray();
        await writer.FlushAsync(ct);
    }
}
