using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Refrain.Accounts;
using Refrain.Billing;
using Refrain.Http;
using Refrain.Measurements.Jobs;
using Refrain.Measurements.Quota;
using Refrain.Providers.Snapshot;
using Refrain.Providers.Songstats;
using Refrain.Storage;

namespace Refrain.Measurements;

/// <summary>
/// <c>POST /api/research/measurement-jobs</c>: measure a scope's recordings, today's play counts (<c>current</c>, cheap,
/// never payment-gated) or their stream history (<c>historical</c>: Songstats, paid and capped, never fetched twice). The
/// answer's <c>id</c> is a run, read back through <c>GET /api/tasks/runs/{id}</c>.
/// </summary>
public static partial class MeasurementJobsApi
{
    private const string ScopeMessage = "Provide exactly one of scope.catalog_id / album_ids / isrcs";
    private const string NothingMessage = "No recordings resolvable for this scope";

    public static RouteGroupBuilder MapMeasurementJobsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/research/measurement-jobs", CreateAsync).WithTags("Measurements").WithName("CreateMeasurementJob")
            .WithSummary("Measure a catalog, albums or ISRCs: today's play counts (current) or their stream history (historical)")
            .WithDescription("historical needs a payment method on file (402 with checkout_url otherwise), answers 429 with retry_after "
                + "when the Songstats cap is spent, skips recordings already backfilled or known to have no history (by any account), and "
                + "enqueues one backfill per remaining ISRC, most played first. current enqueues one snapshot per Spotify album. "
                + "Unknown ids are counted in skipped; another account's catalog is a 404.");
        return api;
    }

    internal static async Task<Results<Accepted<HistoricalMeasurementResponse>, Accepted<CurrentMeasurementResponse>, ProblemHttpResult>> CreateAsync(
        CreateMeasurementJobRequest request, Caller caller, HttpContext http, RefrainStore store, QuotaService quota, CancellationToken ct)
    {
        if (Validate(request, out var scope) is { } invalid)
        {
            return invalid;
        }

        var (account, filter) = (caller.AccountId, caller.Scope);
        if (scope.CatalogId is { } catalogId)
        {
            if (await store.GetCatalogAsync(catalogId, caller.Scope, ct) is not { } catalog)
            {
                return ApiProblems.NotFound($"catalog {catalogId}");
            }

            (account, filter) = (catalog.AccountId, catalog.AccountId);
        }

        var requestedBy = $"api-key:{caller.KeyId}";
        if (request.Source == MeasurementJobs.Current)
        {
            var current = await store.StartCurrentMeasurementAsync(account, filter, scope, MeasurementJobs.Spotify, "api", requestedBy, ct);
            if (current.RunId is not { } runId)
            {
                return ApiProblems.Invalid("scope", NothingMessage);
            }

            var run = (await store.GetRunAsync(runId, ct))!;
            var cost = current.Resolved * quota.Limits.CostPerCallUsd.GetValueOrDefault(SnapshotClient.Provider);
            return TypedResults.Accepted($"/api/tasks/runs/{runId}",
                new CurrentMeasurementResponse(runId, MeasurementJobs.Current, run.State, current.Resolved, cost));
        }

        var gate = http.RequestServices.GetService<IPaymentGate>();
        if (gate is not null && await gate.CheckAsync(account, ct) is { IsAllowed: false } refused)
        {
            return TypedResults.Problem(title: "Payment required", detail: refused.Message, statusCode: StatusCodes.Status402PaymentRequired,
                extensions: new Dictionary<string, object?> { ["checkout_url"] = refused.CheckoutUrl });
        }

        if (await quota.IsSpentAsync(SongstatsClient.Provider, account, ct) is { } resets)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling((resets - TimeProvider(http).GetUtcNow()).TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(title: "Too many requests", statusCode: StatusCodes.Status429TooManyRequests,
                detail: $"the Songstats monthly cap is reached; it resets at {resets.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} and nothing was enqueued",
                extensions: new Dictionary<string, object?> { ["retry_after"] = resets.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) });
        }

        var historical = await store.StartHistoricalMeasurementAsync(account, filter, scope, MeasurementJobs.Spotify, requestedBy, ct);
        if (historical.RunId is not { } historicalRun)
        {
            return ApiProblems.Invalid("scope", NothingMessage);
        }

        var estimate = historical.Enqueued * quota.Limits.CostPerCallUsd.GetValueOrDefault(SongstatsClient.Provider);
        return TypedResults.Accepted($"/api/tasks/runs/{historicalRun}",
            new HistoricalMeasurementResponse(historicalRun, MeasurementJobs.Historical, historical.Enqueued, historical.Skipped, estimate));
    }

    /// <summary>The first thing wrong with the request as a 400 naming the member, or null with the scope it names.</summary>
    private static ProblemHttpResult? Validate(CreateMeasurementJobRequest request, out MeasurementScope scope)
    {
        scope = MeasurementScope.Catalog(0);
        var given = request.Scope is { } s ? (s.CatalogId is null ? 0 : 1) + (s.AlbumIds is null ? 0 : 1) + (s.Isrcs is null ? 0 : 1) : 0;
        if (given != 1)
        {
            return ApiProblems.Invalid("scope", ScopeMessage);
        }

        if (request.Source is not (MeasurementJobs.Current or MeasurementJobs.Historical))
        {
            return ApiProblems.Invalid("source", "source must be current or historical");
        }

        if (request.Platforms is { } platforms && (platforms.Count == 0 || platforms.Any(p => p != MeasurementJobs.Spotify)))
        {
            return ApiProblems.Invalid("platforms", "platforms must be [\"spotify\"]: spotify is the only platform measured so far");
        }

        var (catalog, albums, isrcs) = (request.Scope!.CatalogId, request.Scope.AlbumIds, request.Scope.Isrcs);
        if (catalog is { } id)
        {
            if (id <= 0)
            {
                return ApiProblems.Invalid("scope.catalog_id", $"scope.catalog_id {id} is not a catalog id (a positive integer)");
            }

            scope = MeasurementScope.Catalog(id);
            return null;
        }

        if (albums is not null)
        {
            if (albums.Count == 0)
            {
                return ApiProblems.Invalid("scope.album_ids", "scope.album_ids must name at least one album");
            }

            for (var i = 0; i < albums.Count; i++)
            {
                if (albums[i] <= 0)
                {
                    return ApiProblems.Invalid($"scope.album_ids[{i}]", $"scope.album_ids[{i}] {albums[i]} is not an album id (a positive integer)");
                }
            }

            scope = MeasurementScope.Albums(albums);
            return null;
        }

        if (isrcs!.Count == 0)
        {
            return ApiProblems.Invalid("scope.isrcs", "scope.isrcs must name at least one ISRC");
        }

        for (var i = 0; i < isrcs.Count; i++)
        {
            if (isrcs[i] is null || !Isrc().IsMatch(isrcs[i].Trim().ToUpperInvariant()))
            {
                return ApiProblems.Invalid($"scope.isrcs[{i}]", $"scope.isrcs[{i}] '{isrcs[i]}' is not an ISRC (CC-XXX-YY-NNNNN without dashes, 12 characters)");
            }
        }

        scope = MeasurementScope.OfIsrcs(isrcs);
        return null;
    }

    private static TimeProvider TimeProvider(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>();

    [GeneratedRegex("^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$")]
    private static partial Regex Isrc();
}
