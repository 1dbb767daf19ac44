using System.CommandLine;
using System.Globalization;
using Refrain.Measurements;
using Refrain.Measurements.Jobs;

namespace Refrain.Cli;

/// <summary><c>refrain measurements show SONG_ID</c>: a song's Spotify streams per day, as <c>GET /api/songs/{id}/measurements</c> shows them.</summary>
internal static class MeasurementsCommands
{
    public static Command Create()
    {
        var measurements = new Command("measurements", "Measured Spotify streams of songs");
        var id = new Argument<long>("SONG_ID") { Description = "Song id" };
        var from = new Option<string?>("--from") { Description = "First day, YYYY-MM-DD (default: the first measured)" };
        var to = new Option<string?>("--to") { Description = "Last day, YYYY-MM-DD (default: today UTC)" };
        var granularity = new Option<string?>("--granularity") { Description = "daily (the day's plays; default) or cumulative (all-time totals)" };
        var show = new Command("show", "Show a song's streams per day") { id, from, to, granularity };
        show.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            var (query, field, error) = SeriesQuery.Parse(null, parse.GetValue(from), parse.GetValue(to), parse.GetValue(granularity), today);
            if (query is null)
            {
                throw new CliException($"--{field}: {error}");
            }

            var songId = parse.GetValue(id);
            var (found, recording) = await rt.Store.GetSongRecordingAsync(songId, null, token);
            if (!found)
            {
                throw new CliException($"unknown song {songId}");
            }

            var points = recording is null
                ? []
                : await rt.Store.GetRecordingSeriesAsync(recording, query.Platform, MeasurementJobs.Streams, query.FromOrEarliest, query.To, token);
            var values = points.Select(p => MeasurementValue.From(p, query.Cumulative, catalog: false)).ToList();
            if (rt.Json)
            {
                Output.Json(rt.Out, new SongMeasurementsResponse(songId, recording, query.Platform, MeasurementJobs.Streams, query.Granularity, query.From, query.To, values));
                return ExitCodes.Success;
            }

            rt.Out.WriteLine($"song {songId}: {recording ?? "no ISRC and no Spotify link: nothing to measure"} ({query.Granularity} Spotify streams)");
            Output.Table(rt.Out, ["DATE", query.Cumulative ? "TOTAL" : "PLAYS", "SOURCE", "FLAGGED"], values.Select(v => new[]
            {
                v.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), v.Value?.ToString(CultureInfo.InvariantCulture) ?? "-", v.Source ?? "", v.Flagged ? "yes" : "",
            }));
            return ExitCodes.Success;
        }, ct));
        measurements.Subcommands.Add(show);
        return measurements;
    }
}
