using Microsoft.AspNetCore.Http.HttpResults;
using Refrain.Accounts;
using Refrain.Http;
using Refrain.Storage;

namespace Refrain.Listening;

/// <summary>
/// <c>/api/listeners</c>: create, list, one listener's progress, delete (with its plays, tombstones and tokens). Scoped to
/// the caller's account; another account's listener answers 404.
/// </summary>
public static class ListenersApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const int MaxNameLength = 200;

    public static RouteGroupBuilder MapListenersApi(this RouteGroupBuilder api)
    {
        var listeners = api.MapGroup("/listeners").WithTags("Listeners");
        listeners.MapPost("/", CreateAsync).WithName("CreateListener").WithSummary("Create a listener in the caller's account");
        listeners.MapGet("/", ListAsync).WithName("ListListeners")
            .WithSummary("List listeners, oldest first")
            .WithDescription("The caller's listeners (an admin key sees every account's). Pages of up to 200 (default 50) with an opaque next_cursor.");
        listeners.MapGet("/{id:long}", GetAsync).WithName("GetListener")
            .WithSummary("One listener's progress: plays enriched, pending and unresolved, token status and expiry, last sync and error");
        listeners.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteListener")
            .WithSummary("Delete a listener with its plays, tombstones and tokens");
        listeners.MapListenerHistory();
        listeners.MapListenerSync();
        return api;
    }

    internal static async Task<Results<Created<ListenerResponse>, ProblemHttpResult>> CreateAsync(
        CreateListenerRequest request, Caller caller, RefrainStore store, CancellationToken ct)
    {
        var name = request.DisplayName.Trim();
        if (name.Length == 0)
        {
            return ApiProblems.Invalid("display_name", "display_name must not be empty");
        }

        if (name.Length > MaxNameLength)
        {
            return ApiProblems.Invalid("display_name", $"display_name must be at most {MaxNameLength} characters");
        }

        // An admin key creates in its own account too: the body names no account, so there is no other to pick.
        var id = await store.CreateListenerAsync(caller.AccountId, name, ct);
        var created = await store.GetListenerAsync(id, ct);
        return TypedResults.Created($"/api/listeners/{id}", ListenerResponse.From(created!));
    }

    internal static async Task<Results<Ok<Page<ListenerResponse>>, ProblemHttpResult>> ListAsync(
        Caller caller, RefrainStore store, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return ApiProblems.Invalid("limit", $"limit must be from 1 to {MaxLimit}");
        }

        var fingerprint = Cursors.Fingerprint("listeners", caller.Scope);
        if (!Cursors.TryDecode(cursor, fingerprint, out var after, out var error))
        {
            return ApiProblems.Invalid("cursor", error);
        }

        var take = limit ?? DefaultLimit;
        var rows = await store.ListListenersAsync(caller.Scope, after, take + 1, ct);
        return TypedResults.Ok(Cursors.Page(rows, take, ListenerResponse.From, l => l.Id, fingerprint));
    }

    internal static async Task<Results<Ok<ListenerProgressResponse>, ProblemHttpResult>> GetAsync(long id, Caller caller, RefrainStore store, CancellationToken ct) =>
        await store.GetListenerProgressAsync(id, caller.Scope, ct) is { } progress
            ? TypedResults.Ok(ListenerProgressResponse.From(progress))
            : ApiProblems.NotFound($"listener {id}");

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, Caller caller, RefrainStore store, CancellationToken ct) =>
        await store.DeleteListenerAsync(id, caller.Scope, ct) ? TypedResults.NoContent() : ApiProblems.NotFound($"listener {id}");
}
