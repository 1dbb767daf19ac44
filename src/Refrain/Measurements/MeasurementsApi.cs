using Microsoft.AspNetCore.Http.HttpResults;
using Refrain.Accounts;
using Refrain.Http;
using Refrain.Measurements.Jobs;
using Refrain.Storage;

namespace Refrain.Measurements;

/// <summary>
/// The read side: <c>GET /api/songs/{id}/measurements</c> and <c>GET /api/catalogs/{id}/measurements</c>, a song's or a
/// catalog's Spotify streams per day (daily or cumulative), scoped to the caller's account. Where Songstats and the snapshot
/// service both measured a day, Songstats' history is shown.
/// </summary>
public static class MeasurementsApi
{
    private const string Parameters = "platform=spotify (the default and only one), from and to as YYYY-MM-DD (inclusive; to defaults to today UTC), "
        + "granularity=daily (default: the day's plays, null where unknown) or cumulative (all-time totals).";

    public static RouteGroupBuilder MapMeasurementsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/songs/{id:long}/measurements", SongAsync).WithTags("Measurements").WithName("GetSongMeasurements")
            .WithSummary("A song's Spotify streams per day").WithDescription(Parameters);
        api.MapGet("/catalogs/{id:long}/measurements", CatalogAsync).WithTags("Measurements").WithName("GetCatalogMeasurements")
            .WithSummary("A catalog's Spotify streams per day, summed over its recordings").WithDescription(Parameters);
        return api;
    }

    internal static async Task<Results<Ok<SongMeasurementsResponse>, ProblemHttpResult>> SongAsync(
        long id, Caller caller, RefrainStore store, TimeProvider time, CancellationToken ct,
        string? platform = null, string? from = null, string? to = null, string? granularity = null)
    {
        var (query, field, error) = SeriesQuery.Parse(platform, from, to, granularity, Today(time));
        if (query is null)
        {
            return ApiProblems.Invalid(field!, error!);
        }

        var (found, recording) = await store.GetSongRecordingAsync(id, caller.Scope, ct);
        if (!found)
        {
            return ApiProblems.NotFound($"song {id}");
        }

        var points = recording is null
            ? []
            : await store.GetRecordingSeriesAsync(recording, query.Platform, MeasurementJobs.Streams, query.FromOrEarliest, query.To, ct);
        return TypedResults.Ok(new SongMeasurementsResponse(id, recording, query.Platform, MeasurementJobs.Streams, query.Granularity, query.From, query.To,
            points.Select(p => MeasurementValue.From(p, query.Cumulative, catalog: false)).ToList()));
    }

    internal static async Task<Results<Ok<CatalogMeasurementsResponse>, ProblemHttpResult>> CatalogAsync(
        long id, Caller caller, RefrainStore store, TimeProvider time, CancellationToken ct,
        string? platform = null, string? from = null, string? to = null, string? granularity = null)
    {
        var (query, field, error) = SeriesQuery.Parse(platform, from, to, granularity, Today(time));
        if (query is null)
        {
            return ApiProblems.Invalid(field!, error!);
        }

        if (await store.GetCatalogAsync(id, caller.Scope, ct) is null)
        {
            return ApiProblems.NotFound($"catalog {id}");
        }

        var points = await store.GetCatalogSeriesAsync(id, query.Platform, MeasurementJobs.Streams, query.FromOrEarliest, query.To, ct);
        return TypedResults.Ok(new CatalogMeasurementsResponse(id, query.Platform, MeasurementJobs.Streams, query.Granularity, query.From, query.To,
            points.Select(p => MeasurementValue.From(p, query.Cumulative, catalog: true)).ToList()));
    }

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
