using Microsoft.Extensions.Options;
using Refrain.Providers.Spotify;

namespace Refrain.Listening.Connect;

/// <summary>
/// Registers connecting listeners to Spotify: the user-authorization client, the listener token lifecycle
/// (<see cref="IListenerTokens"/>), the connect options and the connector.
/// </summary>
public static class ConnectServices
{
    /// <summary>Adds <see cref="SpotifyUserAuth"/>, <see cref="ListenerTokens"/> and the connect flow. Needs the engine, the providers and token protection.</summary>
    public static IServiceCollection AddSpotifyConnect(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SpotifyConnectOptions>().Bind(configuration.GetSection(SpotifyConnectOptions.Section))
            .Configure(o => o.PublicBaseUrl ??= Uri.TryCreate(configuration["Api:PublicBaseUrl"], UriKind.Absolute, out var root) ? root : null)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SpotifyConnectOptions>, SpotifyConnectOptionsValidator>();
        services.AddSingleton(sp => new SpotifyUserAuth(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(SpotifyClient.Provider),
            sp.GetRequiredService<IOptions<SpotifyOptions>>().Value,
            sp.GetRequiredService<ILogger<SpotifyUserAuth>>()));
        // One instance per process: its per-listener locks keep two refreshes of one listener from both spending the token.
        services.AddSingleton(sp => new ListenerTokens(
            sp.GetRequiredService<SpotifyUserAuth>(), sp.GetRequiredService<ITokenProtector>(), sp.GetRequiredService<ILogger<ListenerTokens>>()));
        services.AddSingleton<IListenerTokens>(sp => sp.GetRequiredService<ListenerTokens>());
        services.AddSingleton<ConnectSecrets>();
        services.AddSingleton<SpotifyConnector>();
        return services;
    }
}
