using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Refrain.Accounts;
using Refrain.Http;
using Refrain.Listening.Sync;
using Refrain.Storage;

namespace Refrain.Listening;

/// <summary><c>POST /api/listeners/{id}/sync</c>: queue one recently-played sync for a connected listener now.</summary>
public static class ListenerSyncApi
{
    public static RouteGroupBuilder MapListenerSync(this RouteGroupBuilder listeners)
    {
        listeners.MapPost("/{id:long}/sync", SyncAsync).WithName("SyncListener")
            .WithSummary("Queue a sync of the listener's recently played plays now")
            .WithDescription("202 with the sync job (an already queued sync is returned, not doubled); 409 when the listener is not connected or not active.");
        return listeners;
    }

    internal static async Task<Results<Accepted<SyncQueuedResponse>, ProblemHttpResult>> SyncAsync(long id, Caller caller, RefrainStore store, CancellationToken ct)
    {
        var state = await store.GetListenerSyncStateAsync(id, ct);
        if (state is null || !caller.CanSee(state.AccountId))
        {
            return ApiProblems.NotFound($"listener {id}");
        }

        if (ListenerSyncRequest.Refusal(state) is { } refusal)
        {
            return ApiProblems.Conflict(refusal);
        }

        var queued = await store.EnqueueAsync(SyncRecentlyPlayedHandler.For(id, state.AccountId), ct);
        return TypedResults.Accepted(string.Create(CultureInfo.InvariantCulture, $"/api/jobs/{queued.JobId}"),
            new SyncQueuedResponse(id, queued.JobId, queued.AlreadyQueued));
    }
}
