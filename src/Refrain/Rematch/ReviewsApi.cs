using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Refrain.Accounts;
using Refrain.Http;
using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Providers.Spotify;
using Refrain.Storage;

namespace Refrain.Rematch;

/// <summary>
/// <c>/api/reviews/duration-mismatches</c>: songs the matcher could not settle, waiting for a human, and the human's decision
/// (<c>refrain review list</c> and <c>refrain review decide</c>). Scoped to the caller's account.
/// </summary>
public static class ReviewsApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    private static readonly Dictionary<string, ReviewDecisions.Choice> Actions = new(StringComparer.Ordinal)
    {
        ["accept"] = ReviewDecisions.Choice.Accept,
        ["keep"] = ReviewDecisions.Choice.Keep,
        ["no_equivalent"] = ReviewDecisions.Choice.NoEquivalent,
        ["unlink"] = ReviewDecisions.Choice.Unlink,
    };

    public static RouteGroupBuilder MapReviewsApi(this RouteGroupBuilder api)
    {
        var reviews = api.MapGroup("/reviews/duration-mismatches").WithTags("Reviews");
        reviews.MapGet("/", ListAsync).WithName("ListReviews")
            .WithSummary("Songs waiting for review, oldest song first")
            .WithDescription("Each with its canonical and linked durations, the delta, the reason, the matcher's score and its top candidates "
                + "with score breakdowns. Pages of up to 200 (default 50) with an opaque next_cursor.");
        reviews.MapPost("/{song_id:long}", DecideAsync).WithName("DecideReview")
            .WithSummary("Decide a song: accept a Spotify track, keep the link, no equivalent, or unlink")
            .WithDescription("The decision is sticky: no automatic job overwrites it. accept reads the track from Spotify first (422 when "
                + "Spotify has no such track, 503 when Spotify is not configured). Answers the song's review state after the decision.");
        return api;
    }

    internal static async Task<Results<Ok<Page<ReviewResponse>>, ProblemHttpResult>> ListAsync(
        Caller caller, RefrainStore store, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return ApiProblems.Invalid("limit", $"limit must be from 1 to {MaxLimit}");
        }

        var fingerprint = Cursors.Fingerprint("reviews/duration-mismatches", caller.Scope);
        if (!Cursors.TryDecode(cursor, fingerprint, out var after, out var error))
        {
            return ApiProblems.Invalid("cursor", error);
        }

        var take = limit ?? DefaultLimit;
        var rows = await store.ListReviewsPageAsync(caller.Scope, after, take + 1, ct);
        return TypedResults.Ok(Cursors.Page(rows, take, ReviewResponse.From, r => r.SongId, fingerprint));
    }

    internal static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> DecideAsync(
        [FromRoute(Name = "song_id")] long songId, ReviewDecisionRequest request, Caller caller, RefrainStore store, SpotifyClient spotify,
        IOptions<SpotifyOptions> spotifyOptions, ProviderGate gate, TimeProvider time, HttpResponse response, CancellationToken ct)
    {
        if (!Actions.TryGetValue(request.Action, out var choice))
        {
            return ApiProblems.Invalid("action", $"action must be one of {string.Join(", ", Actions.Keys)}");
        }

        if (choice == ReviewDecisions.Choice.Accept && string.IsNullOrEmpty(request.SpotifyTrackId))
        {
            return ApiProblems.Invalid("spotify_track_id", "accept needs spotify_track_id: the Spotify track to link");
        }

        if (choice != ReviewDecisions.Choice.Accept && request.SpotifyTrackId is not null)
        {
            return ApiProblems.Invalid("spotify_track_id", $"spotify_track_id goes with accept only, not with {request.Action}");
        }

        if (await store.GetSongLinkAsync(songId, caller.Scope, ct) is null)
        {
            return ApiProblems.NotFound($"song {songId}");
        }

        if (choice == ReviewDecisions.Choice.Accept)
        {
            if (!SpotifyClient.IsTrackId(request.SpotifyTrackId))
            {
                return ApiProblems.Invalid("spotify_track_id", $"'{request.SpotifyTrackId}' is not a Spotify track id (22 base-62 characters)");
            }

            if (SpotifyUnavailable(spotifyOptions.Value, gate) is { } unavailable)
            {
                return unavailable;
            }
        }

        var decisions = new ReviewDecisions(store, () => spotify, gate, time);
        var result = await decisions.DecideAsync(songId, caller.Scope, choice, request.SpotifyTrackId, ct);
        return result.Refused switch
        {
            null => TypedResults.Ok(ReviewResponse.From((await store.GetSongLinkAsync(songId, caller.Scope, ct))!)),
            ReviewDecisions.Refusal.UnknownSong => ApiProblems.NotFound($"song {songId}"),
            ReviewDecisions.Refusal.InvalidTrackId => ApiProblems.Invalid("spotify_track_id", $"'{request.SpotifyTrackId}' is not a Spotify track id (22 base-62 characters)"),
            ReviewDecisions.Refusal.NothingToKeep => ApiProblems.Conflict($"song {songId} has no link to keep"),
            _ => SpotifyFailed(result.ProviderError!, request.SpotifyTrackId!, time, response),
        };
    }

    /// <summary>503 naming the missing settings when this server cannot call Spotify at all; null when it can.</summary>
    private static ProblemHttpResult? SpotifyUnavailable(SpotifyOptions options, ProviderGate gate)
    {
        var availability = SpotifyAvailability.Of(options, gate);
        if (availability.MissingSettings.Count > 0)
        {
            return TypedResults.Problem(title: "Spotify is not configured", statusCode: StatusCodes.Status503ServiceUnavailable,
                detail: availability.Explanation, extensions: new Dictionary<string, object?> { ["missing_settings"] = availability.MissingSettings });
        }

        return availability.OffReason is { } reason
            ? TypedResults.Problem(title: "Spotify is off on this server", detail: reason, statusCode: StatusCodes.Status503ServiceUnavailable)
            : null;
    }

    /// <summary>Spotify's answer when it did not give the track: 422 for no such track, 503 while it is paused, else 502.</summary>
    private static ProblemHttpResult SpotifyFailed(ProviderException error, string trackId, TimeProvider time, HttpResponse response)
    {
        switch (error.Outcome)
        {
            case JobOutcome.NoData:
                return TypedResults.Problem(title: "No such Spotify track", statusCode: StatusCodes.Status422UnprocessableEntity,
                    detail: $"Spotify has no track '{trackId}': it does not exist", extensions: new Dictionary<string, object?> { ["field"] = "spotify_track_id" });
            case JobOutcome.Snooze snooze:
                var wait = snooze.Until - time.GetUtcNow();
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(title: "Spotify is paused", detail: error.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            default:
                return TypedResults.Problem(title: "Spotify did not answer", detail: error.Message, statusCode: StatusCodes.Status502BadGateway);
        }
    }
}
