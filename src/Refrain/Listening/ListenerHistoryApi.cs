using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Refrain.Accounts;
using Refrain.Http;
using Refrain.Listening.Enrichment;
using Refrain.Listening.Uploads;
using Refrain.Storage;

namespace Refrain.Listening;

/// <summary>
/// A listener's history routes under <c>/api/listeners/{id}</c>: uploads, enrichment and play deletion, mapped onto the
/// listeners group so they share its tag and account scoping.
/// </summary>
public static class ListenerHistoryApi
{
    public static RouteGroupBuilder MapListenerHistory(this RouteGroupBuilder listeners)
    {
        listeners.MapListenerUploads();
        listeners.MapPost("/{id:long}/enrich", EnrichAsync).WithName("EnrichListener")
            .WithSummary("Queue enrichment of a listener's plays now (202 with the job and run)")
            .WithDescription("The same job the post-upload trigger and the listening-enrich schedule queue: plays whose track is already known are "
                + "filled at once, the rest fan out in jobs of at most 50 distinct tracks. One job per listener is queued at a time.");
        listeners.MapDelete("/{id:long}/plays", DeletePlaysAsync).WithName("DeleteListenerPlays")
            .WithSummary("Delete a listener's plays that ended in [from, to); each leaves a tombstone so no sync or re-import brings it back")
            .WithDescription("from and to are ISO 8601 date-times with an offset (e.g. 2024-02-01T00:00:00Z), compared with the play's end time; "
                + "at least one is required, and a missing one leaves that side open.");
        return listeners;
    }

    internal static async Task<Results<Accepted<EnrichResponse>, ProblemHttpResult>> EnrichAsync(long id, Caller caller, RefrainStore store, CancellationToken ct)
    {
        if (await store.GetListenerAccountAsync(id, caller.Scope, ct) is not { } accountId)
        {
            return ApiProblems.NotFound($"listener {id}");
        }

        var started = await EnrichmentJobs.StartAsync(store, id, accountId, "api", "key " + caller.KeyId.ToString(CultureInfo.InvariantCulture), ct);
        var run = await store.GetRunAsync(started.RunId!.Value, ct);
        var job = started.JobId!.Value;
        return TypedResults.Accepted($"/api/jobs/{job}", new EnrichResponse(job, started.RunId.Value, run?.State == Runs.RunState.Cancelled));
    }

    internal static async Task<Results<Ok<DeletePlaysResponse>, ProblemHttpResult>> DeletePlaysAsync(
        long id, Caller caller, RefrainStore store, CancellationToken ct, string? from = null, string? to = null)
    {
        if (!TryParseTime(from, out var fromAt))
        {
            return ApiProblems.Invalid("from", $"from must be an ISO 8601 date-time with an offset, not '{from}'");
        }

        if (!TryParseTime(to, out var toAt))
        {
            return ApiProblems.Invalid("to", $"to must be an ISO 8601 date-time with an offset, not '{to}'");
        }

        if (fromAt is null && toAt is null)
        {
            return ApiProblems.Invalid("from", "give from, to or both: deleting every play is DELETE /api/listeners/{id}");
        }

        if (fromAt >= toAt)
        {
            return ApiProblems.Invalid("to", "to must be later than from");
        }

        if (await store.GetListenerAccountAsync(id, caller.Scope, ct) is null)
        {
            return ApiProblems.NotFound($"listener {id}");
        }

        try
        {
            var deleted = await store.DeletePlaysAsync(id, fromAt?.ToUnixTimeMilliseconds(), toAt?.ToUnixTimeMilliseconds(), ct);
            return TypedResults.Ok(new DeletePlaysResponse(deleted));
        }
        catch (ListenerGoneException)
        {
            return ApiProblems.NotFound($"listener {id}");
        }
    }

    private static bool TryParseTime(string? text, out DateTimeOffset? at)
    {
        at = null;
        if (text is null)
        {
            return true;
        }

        // An offset is required: a bare local time would mean whatever the server's zone is.
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed)
            || !(text.EndsWith('Z') || text.EndsWith('z') || text.Length > 6 && text[^6] is '+' or '-'))
        {
            return false;
        }

        at = parsed;
        return true;
    }
}
