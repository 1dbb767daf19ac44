using Microsoft.AspNetCore.Http.HttpResults;

namespace Refrain.Listening.Connect;

/// <summary>
/// <c>/connect/spotify/start</c> and <c>/connect/spotify/callback</c>: the browser half of connecting Spotify. No API key (the
/// person holding the link has none): the link and the OAuth <c>state</c> are signed instead (DESIGN §8).
/// </summary>
public static class SpotifyConnectEndpoints
{
    public static WebApplication MapSpotifyConnect(this WebApplication app)
    {
        var connect = app.MapGroup("/connect/spotify").AllowAnonymous().WithTags("Connect");
        connect.MapGet("/start", StartAsync).WithName("StartSpotifyConnect")
            .WithSummary("Open a connect link: redirects to Spotify's authorize page (Authorization Code with PKCE)")
            .WithDescription("Needs no API key: the link is signed, expires and works once. A bad, expired or used link answers 400.")
            // A browser URL that answers a redirect, not an API operation: the connect-link operation documents how to get one.
            .ExcludeFromDescription();
        connect.MapGet("/callback", CallbackAsync).WithName("SpotifyConnectCallback")
            .WithSummary("Spotify's redirect back: checks the signed state, stores the listener's tokens and starts its first sync")
            .WithDescription("Needs no API key: the state is signed and completes once. Answers a small HTML page: 200 connected, 400 refused "
                + "(bad or replayed state, access denied), 502 when Spotify could not be reached.")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .Produces<string>(StatusCodes.Status400BadRequest, "text/html")
            .Produces<string>(StatusCodes.Status502BadGateway, "text/html");
        return app;
    }

    internal static async Task<Results<RedirectHttpResult, ContentHttpResult>> StartAsync(SpotifyConnector connector, CancellationToken ct, string? link = null) =>
        await connector.OpenAsync(link, ct) is { } authorize
            ? TypedResults.Redirect(authorize.AbsoluteUri)
            : ConnectPage.Of(SpotifyConnector.InvalidLink);

    internal static async Task<ContentHttpResult> CallbackAsync(
        SpotifyConnector connector, CancellationToken ct, string? code = null, string? state = null, string? error = null) =>
        ConnectPage.Of(await connector.CompleteAsync(code, state, error, ct));
}
