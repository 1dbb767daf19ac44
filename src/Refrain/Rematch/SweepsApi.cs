using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using Refrain.Accounts;
using Refrain.Http;
using Refrain.Jobs;
using Refrain.Runs;
using Refrain.Storage;

namespace Refrain.Rematch;

/// <summary>
/// <c>/api/sweeps</c>: start the duration-mismatch sweep now, or count what it would take. A member key's sweep covers its
/// own account's songs; an admin key's is system-wide.
/// </summary>
public static class SweepsApi
{
    /// <summary>Songs a dry run lists, as the CLI's.</summary>
    public const int SampleSize = 10;

    public static RouteGroupBuilder MapSweepsApi(this RouteGroupBuilder api)
    {
        var sweeps = api.MapGroup("/sweeps").WithTags("Sweeps");
        sweeps.MapPost("/duration-mismatches", StartDurationMismatchesAsync).WithName("SweepDurationMismatches")
            .WithSummary("Re-match songs whose Spotify link's duration is off the canonical one")
            .WithDescription("Starts a run whose sweep job enqueues a re-match job per song whose linked track's duration is more than "
                + "threshold_seconds (1-3600, default 60) off; 202 with the run and job ids. With dry_run, 200 with how many songs it would "
                + "enqueue and a sample of ten. Reviewer decisions and songs with a re-match already queued are left alone.")
            .AddOpenApiOperationTransformer((_, context, _) =>
            {
                DocumentStrictThreshold(context.Document);
                return Task.CompletedTask;
            });
        return api;
    }

    /// <summary>
    /// The generated schema shows what the API's JSON reads elsewhere (numbers, or strings holding them); this body reads
    /// threshold_seconds strictly, so its schema says an integer (or null) from 1 to 3600.
    /// </summary>
    private static void DocumentStrictThreshold(OpenApiDocument? document)
    {
        if (document?.Components?.Schemas is { } schemas && schemas.TryGetValue(nameof(DurationMismatchSweepRequest), out var request)
            && request is OpenApiSchema { Properties: { } properties } && properties.TryGetValue("threshold_seconds", out var property)
            && property is OpenApiSchema threshold)
        {
            threshold.Type = JsonSchemaType.Integer | JsonSchemaType.Null;
            threshold.Pattern = null;
            threshold.Minimum = "1";
            threshold.Maximum = "3600";
        }
    }

    internal static async Task<Results<Accepted<SweepStartedResponse>, Ok<SweepDryRunResponse>, ProblemHttpResult>> StartDurationMismatchesAsync(
        DurationMismatchSweepRequest? request, Caller caller, RefrainStore store, CancellationToken ct)
    {
        var seconds = request?.ThresholdSeconds ?? SweepArgs.DefaultThresholdSeconds;
        if (!SweepArgs.IsValidThreshold(seconds))
        {
            return ApiProblems.Invalid("threshold_seconds", $"threshold_seconds must be an integer from 1 to 3600, not {seconds}");
        }

        if (request?.DryRun == true)
        {
            var count = await store.CountDurationMismatchesAsync(caller.Scope, seconds * 1000L, ct);
            var sample = await store.SampleDurationMismatchesAsync(caller.Scope, seconds * 1000L, SampleSize, ct);
            return TypedResults.Ok(new SweepDryRunResponse(count, seconds, sample.Select(MismatchSampleResponse.From).ToList()));
        }

        // The handler scopes the songs by the job's account: a member's sweep never reaches another account's catalog.
        var started = await store.StartRunAsync(
            new RunStart($"{DurationMismatchSweepHandler.Source}/{DurationMismatchSweepHandler.JobType}", caller.Scope, "api", $"api-key:{caller.KeyId}"),
            new NewJob(DurationMismatchSweepHandler.Source, DurationMismatchSweepHandler.JobType, "api")
            {
                Args = new SweepArgs(seconds).ToJson(), AccountId = caller.Scope, UniqueKey = "",
            }, ct);
        var runId = started.RunId!.Value;
        return TypedResults.Accepted($"/api/tasks/runs/{runId}", new SweepStartedResponse(runId, started.JobId!.Value));
    }
}
