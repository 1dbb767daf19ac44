using Microsoft.AspNetCore.Http.HttpResults;
using Refrain.Accounts;
using Refrain.Http;
using Refrain.Storage;

namespace Refrain.Listening.Connect;

/// <summary>
/// <c>/api/listeners/{id}/connect-link</c> and <c>/disconnect</c>: the key-authenticated half of connecting Spotify. Scoped to
/// the caller's account; another account's listener answers 404.
/// </summary>
public static class ListenerConnectApi
{
    public static RouteGroupBuilder MapListenerConnectApi(this RouteGroupBuilder api)
    {
        var listeners = api.MapGroup("/listeners").WithTags("Listeners");
        listeners.MapPost("/{id:long}/connect-link", CreateLinkAsync).WithName("CreateConnectLink")
            .WithSummary("A signed, expiring, single-use link that connects the listener's Spotify account")
            .WithDescription("Hand the url to the listener: opening it redirects to Spotify's authorize page (scope user-read-recently-played).");
        listeners.MapPost("/{id:long}/disconnect", DisconnectAsync).WithName("DisconnectListener")
            .WithSummary("Drop the listener's Spotify tokens; its plays stay and its status becomes disconnected");
        return api;
    }

    internal static async Task<Results<Created<ConnectLinkResponse>, ProblemHttpResult>> CreateLinkAsync(
        long id, Caller caller, SpotifyConnector connector, RefrainStore store, HttpRequest request, CancellationToken ct)
    {
        if (connector.NotConfigured is { } problem)
        {
            // Another account's listener is still a 404: the configuration is no reason to tell that it exists.
            return await store.GetListenerAsync(id, ct) is { } listener && caller.CanSee(listener.AccountId)
                ? TypedResults.Problem(title: "Spotify not configured", detail: problem, statusCode: StatusCodes.Status503ServiceUnavailable)
                : ApiProblems.NotFound($"listener {id}");
        }

        var root = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}");
        return await connector.CreateLinkAsync(id, caller.Scope, root, ct) is { } link
            ? TypedResults.Created(link.Url, link)
            : ApiProblems.NotFound($"listener {id}");
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DisconnectAsync(
        long id, Caller caller, RefrainStore store, ILogger<SpotifyConnector> logger, CancellationToken ct)
    {
        if (!await store.DisconnectListenerAsync(id, caller.Scope, ct))
        {
            return ApiProblems.NotFound($"listener {id}");
        }

        ConnectLog.Disconnected(logger, id);
        return TypedResults.NoContent();
    }
}
