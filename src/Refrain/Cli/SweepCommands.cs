using System.CommandLine;
using System.Globalization;
using Refrain.Hosting;
using Refrain.Jobs;
using Refrain.Rematch;
using Refrain.Runs;

namespace Refrain.Cli;

/// <summary><c>refrain sweep duration-mismatches [--threshold-seconds N] [--dry-run] [--wait]</c>.</summary>
internal static class SweepCommands
{
    public static Command Create()
    {
        var sweep = new Command("sweep", "Run a sweep now");
        var threshold = new Option<int>("--threshold-seconds") { Description = "Songs whose linked duration is more than this off (1-3600)", DefaultValueFactory = _ => SweepArgs.DefaultThresholdSeconds };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report how many songs would be enqueued, with a sample" };
        var wait = new Option<bool>("--wait") { Description = "Drain the run here with a progress bar; exit 0 only if it succeeds" };
        var mismatches = new Command("duration-mismatches", "Re-match songs whose Spotify link's duration is off the canonical one") { threshold, dryRun, wait };
        mismatches.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var seconds = parse.GetValue(threshold);
            if (!SweepArgs.IsValidThreshold(seconds))
            {
                throw new CliException($"--threshold-seconds must be an integer from 1 to 3600, not {seconds}");
            }

            if (parse.GetValue(dryRun))
            {
                return await DryRunAsync(rt, seconds, token);
            }

            var args = new SweepArgs(seconds);
            return await StartAsync(rt, parse.GetValue(wait), DurationMismatchSweepHandler.Source, DurationMismatchSweepHandler.JobType, args.ToJson(), token);
        }, ct));
        sweep.Subcommands.Add(mismatches);
        sweep.Subcommands.Add(Catalog("outdated-matches", "Re-evaluate links the matcher decided under an older Matching:Version", "spotify", CatalogSweepHandler.OutdatedMatches));
        sweep.Subcommands.Add(Catalog("stale-links", "Re-read linked tracks not read within Catalog:LinkMaxAge", "spotify", CatalogSweepHandler.StaleLinks));
        sweep.Subcommands.Add(Catalog("missing-durations", "Ask MusicBrainz for songs without a canonical duration", "musicbrainz", CatalogSweepHandler.MissingDurations));
        return sweep;
    }

    private static Command Catalog(string name, string description, string source, string jobType)
    {
        var wait = new Option<bool>("--wait") { Description = "Drain the run here with a progress bar; exit 0 only if it succeeds" };
        var command = new Command(name, description) { wait };
        command.SetAction((parse, ct) => CliRuntime.RunAsync(parse, (rt, token) => StartAsync(rt, parse.GetValue(wait), source, jobType, "{}", token), ct));
        return command;
    }

    /// <summary>Starts a sweep's run; with <paramref name="wait"/> drains it here and exits 0 only if it succeeded.</summary>
    private static async Task<int> StartAsync(CliRuntime rt, bool wait, string source, string jobType, string args, CancellationToken token)
    {
        if (wait && ProviderServices.StartProviders(rt.Services).TryGetValue(source, out var missing))
        {
            throw new CliException($"--wait drains the run here, but {source} cannot start on this node: {missing}");
        }

        var started = await rt.Store.StartRunAsync(new RunStart($"{source}/{jobType}", null, "manual", "cli"),
            new NewJob(source, jobType, "manual") { Args = args, UniqueKey = "" }, token);
        var runId = started.RunId!.Value;
        if (!wait)
        {
            rt.Out.WriteLine($"started run {runId}");
            rt.Out.WriteLine(runId.ToString(CultureInfo.InvariantCulture));
            return ExitCodes.Success;
        }

        var run = await RunDrain.DrainAsync(rt, runId, token);
        if (rt.Json)
        {
            Output.Json(rt.Out, RunDto.From(run));
        }
        else
        {
            rt.Out.WriteLine($"run {run.Id} {run.State}: {run.Total} jobs, succeeded {run.Succeeded}, no_data {run.NoData}, failed {run.Failed}, dead {run.Dead}, cancelled {run.Cancelled}");
            if (run.Summary is not null)
            {
                rt.Out.WriteLine($"summary {run.Summary}");
            }
        }

        return run.State == RunState.Succeeded ? ExitCodes.Success : ExitCodes.Errors;
    }

    private static async Task<int> DryRunAsync(CliRuntime rt, int seconds, CancellationToken token)
    {
        var count = await rt.Store.CountDurationMismatchesAsync(null, seconds * 1000L, token);
        var sample = await rt.Store.SampleDurationMismatchesAsync(null, seconds * 1000L, 10, token);
        if (rt.Json)
        {
            Output.Json(rt.Out, new
            {
                would_enqueue = count,
                threshold_seconds = seconds,
                sample = sample.Select(s => new { s.SongId, s.Title, artists = s.Artists, s.DurationMs, s.SpotifyTrackId, s.TrackDurationMs, s.DeltaMs }),
            });
            return ExitCodes.Success;
        }

        rt.Out.WriteLine($"would enqueue {count} songs (threshold {seconds} s)");
        Output.Table(rt.Out, ["SONG", "TITLE", "CANONICAL_MS", "SPOTIFY", "LINKED_MS", "DELTA_S"], sample.Select(s => new[]
        {
            s.SongId.ToString(CultureInfo.InvariantCulture), s.Title, s.DurationMs.ToString(CultureInfo.InvariantCulture), s.SpotifyTrackId,
            s.TrackDurationMs.ToString(CultureInfo.InvariantCulture), (s.DeltaMs / 1000.0).ToString("0.0", CultureInfo.InvariantCulture),
        }));
        return ExitCodes.Success;
    }
}
