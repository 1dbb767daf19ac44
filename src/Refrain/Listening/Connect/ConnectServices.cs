using Microsoft.Extensions.Options;
using Refrain.Providers.Spotify;

namespace Refrain.Listening.Connect;

/// <summary>Registers connecting listeners to Spotify: the user-authorization client, the connect options and the connector.</summary>
public static class ConnectServices
{
    /// <summary>Adds <see cref="SpotifyUserAuth"/> and the connect flow. Needs the engine, the providers and token protection.</summary>
    public static IServiceCollection AddSpotifyConnect(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SpotifyConnectOptions>().Bind(configuration.GetSection(SpotifyConnectOptions.Section))
            .Configure(o => o.PublicBaseUrl ??= Uri.TryCreate(configuration["Api:PublicBaseUrl"], UriKind.Absolute, out var root) ? root : null)
            .Validate(o => o.Validate().Count == 0, "invalid Providers:Spotify connect settings (RedirectUri, ConnectLinkLifetime, ConnectStateLifetime) or Api:PublicBaseUrl")
            .ValidateOnStart();
        services.AddSingleton(sp => new SpotifyUserAuth(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(SpotifyClient.Provider),
            sp.GetRequiredService<IOptions<SpotifyOptions>>().Value,
            sp.GetRequiredService<ILogger<SpotifyUserAuth>>()));
        services.AddSingleton<ConnectSecrets>();
        services.AddSingleton<SpotifyConnector>();
        return services;
    }
}
