using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Refrain.Accounts;
using Refrain.Http;
using Refrain.Measurements.Jobs;
using Refrain.Scheduling;
using Refrain.Storage;

namespace Refrain.Measurements;

/// <summary>
/// <c>PUT /api/catalogs/{id}/snapshot-schedule</c>: an account schedule, <c>catalog-&lt;id&gt;-snapshot</c>, whose every fire
/// runs a <c>current</c> measurement of the catalog (one snapshot job per Spotify album of its linked tracks).
/// </summary>
public static class SnapshotScheduleApi
{
    public static RouteGroupBuilder MapSnapshotScheduleApi(this RouteGroupBuilder api)
    {
        api.MapPut("/catalogs/{id:long}/snapshot-schedule", PutAsync).WithTags("Measurements").WithName("PutCatalogSnapshotSchedule")
            .WithSummary("Create (201) or change (200) the schedule that measures a catalog's current play counts")
            .WithDescription("The schedule is the account's catalog-<id>-snapshot (see /api/schedules); an invalid cron or time zone is a 400 naming the field.");
        return api;
    }

    /// <summary>The name of a catalog's snapshot schedule within its account.</summary>
    public static string ScheduleName(long catalogId) => string.Create(CultureInfo.InvariantCulture, $"catalog-{catalogId}-snapshot");

    internal static async Task<Results<Created<ScheduleResponse>, Ok<ScheduleResponse>, ProblemHttpResult>> PutAsync(
        long id, SnapshotSchedulePut body, Caller caller, RefrainStore store, ScheduleService service, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Cron))
        {
            return ApiProblems.Invalid("cron", "cron is required, e.g. \"0 5 1 * *\" (05:00 on the first of every month)");
        }

        if (await store.GetCatalogAsync(id, caller.Scope, ct) is not { } catalog)
        {
            return ApiProblems.NotFound($"catalog {id}");
        }

        var name = ScheduleName(id);
        var existing = await store.GetScheduleAsync(catalog.AccountId, name, ct);
        var definition = new ScheduleDefinition(name, body.Cron, $"{CatalogSnapshotHandler.Source}/{CatalogSnapshotHandler.JobType}")
        {
            TimeZone = body.TimeZone ?? "UTC",
            Args = JsonSerializer.Serialize(new { catalog_id = id, platform = MeasurementJobs.Spotify }),
            AccountId = catalog.AccountId,
        };
        ScheduleRecord stored;
        try
        {
            stored = await service.UpsertAsync(definition, ct);
        }
        catch (ScheduleValidationException ex)
        {
            var field = ex.Message.StartsWith("unknown time zone", StringComparison.Ordinal) ? "time_zone" : "cron";
            return ApiProblems.Invalid(field, ex.Message);
        }

        var response = ScheduleResponse.From(stored, await store.RunsOfScheduleAsync(catalog.AccountId, name, ScheduleResponse.RunsShown, ct), time.GetUtcNow());
        return existing is null ? TypedResults.Created($"/api/schedules/{name}", response) : TypedResults.Ok(response);
    }
}
