using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Refrain.Providers;
using Refrain.Providers.Spotify;
using Refrain.Rematch;

namespace Refrain.Cli;

/// <summary><c>refrain review list</c> and <c>refrain review decide SONG_ID (--accept ID | --keep | --no-equivalent | --unlink)</c>.</summary>
internal static class ReviewCommands
{
    public static Command Create()
    {
        var review = new Command("review", "Songs the matcher could not settle, waiting for a human");
        var limit = new Option<int>("--limit") { Description = "At most this many", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "Songs waiting for review, with the top candidates and their score breakdowns") { limit };
        list.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var items = await rt.Store.ListReviewsAsync(null, Math.Clamp(parse.GetValue(limit), 1, 10_000), token);
            if (rt.Json)
            {
                Output.Json(rt.Out, new { items = items.Select(ReviewItem) });
                return ExitCodes.Success;
            }

            Output.Table(rt.Out, ["SONG", "TITLE", "ARTISTS", "CANONICAL_MS", "LINKED", "LINKED_MS", "DELTA_S", "REASON", "BEST"], items.Select(s => new[]
            {
                s.SongId.ToString(CultureInfo.InvariantCulture), s.Title, string.Join("; ", s.ArtistList), s.DurationMs?.ToString(CultureInfo.InvariantCulture),
                s.SpotifyTrackId, s.TrackDurationMs?.ToString(CultureInfo.InvariantCulture), Delta(s)?.ToString("0.0", CultureInfo.InvariantCulture), s.ReviewReason,
                s.Score?.ToString("0.000", CultureInfo.InvariantCulture),
            }));
            return ExitCodes.Success;
        }, ct));

        var song = new Argument<long>("SONG_ID") { Description = "Song id" };
        var accept = new Option<string?>("--accept") { Description = "Link this Spotify track (fetched and stored first)" };
        var keep = new Option<bool>("--keep") { Description = "Keep the current link" };
        var none = new Option<bool>("--no-equivalent") { Description = "Spotify has no equivalent of this song" };
        var unlink = new Option<bool>("--unlink") { Description = "Remove the link" };
        var decide = new Command("decide", "Decide a song; the decision is sticky: no automatic job overwrites it") { song, accept, keep, none, unlink };
        decide.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var chosen = new[] { parse.GetValue(accept) is not null, parse.GetValue(keep), parse.GetValue(none), parse.GetValue(unlink) }.Count(x => x);
            if (chosen != 1)
            {
                throw new CliException("give exactly one of --accept ID, --keep, --no-equivalent, --unlink");
            }

            var id = parse.GetValue(song);
            var choice = parse.GetValue(accept) is not null ? ReviewDecisions.Choice.Accept
                : parse.GetValue(keep) ? ReviewDecisions.Choice.Keep
                : parse.GetValue(none) ? ReviewDecisions.Choice.NoEquivalent
                : ReviewDecisions.Choice.Unlink;
            var trackId = parse.GetValue(accept);
            var decisions = new ReviewDecisions(rt.Store, rt.Get<SpotifyClient>, rt.Get<ProviderGate>(), rt.Get<TimeProvider>());
            var result = await decisions.DecideAsync(id, null, choice, trackId, token);
            var change = result.Refused switch
            {
                ReviewDecisions.Refusal.UnknownSong => throw new CliException($"unknown song {id}"),
                ReviewDecisions.Refusal.InvalidTrackId => throw new CliException($"--accept: '{trackId}' is not a Spotify track id (22 base-62 characters)"),
                ReviewDecisions.Refusal.TrackUnavailable => throw new CliException($"--accept {trackId}: {result.ProviderError!.Message}"),
                ReviewDecisions.Refusal.NothingToKeep => throw new CliException($"song {id} has no link to keep"),
                _ => result.Applied!,
            };
            rt.Out.WriteLine($"song {id}: {change.State}{(change.TrackId is null ? "" : $" to {change.TrackId}")} (reviewer decision)");
            return ExitCodes.Success;
        }, ct));
        review.Subcommands.Add(list);
        review.Subcommands.Add(decide);
        return review;
    }

    private static double? Delta(SongLink s) => s.DurationMs is { } a && s.TrackDurationMs is { } b ? Math.Abs(a - b) / 1000.0 : null;

    private static object ReviewItem(SongLink s) => new
    {
        song_id = s.SongId, title = s.Title, artists = s.ArtistList, album = s.Album, isrc = s.Isrc, canonical_duration_ms = s.DurationMs,
        spotify_track_id = s.SpotifyTrackId, linked_duration_ms = s.TrackDurationMs, delta_seconds = Delta(s), reason = s.ReviewReason,
        score = s.Score, matcher_version = s.MatcherVersion,
        candidates = s.Candidates is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(s.Candidates),
    };
}
