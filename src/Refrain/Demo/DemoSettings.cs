using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Refrain.Sandbox;

namespace Refrain.Demo;

/// <summary>The node's configuration for a demo run, layered in memory over everything else: the providers point at the sandbox.</summary>
internal static class DemoSettings
{
    /// <summary>Spotify requests per rolling 30 s, in the sandbox and at Refrain's gate alike: enough for the demo to move.</summary>
    public const int SpotifyPerWindow = 600;

    /// <summary>
    /// The port to listen on: <paramref name="port"/>, or when 0 a free one picked now (the redirect URI must name it before
    /// the node starts). A port already taken is an <see cref="IOException"/> here, before anything starts, rather than a
    /// host start-up failure with its stack trace later.
    /// </summary>
    public static int ResolvePort(int port)
    {
        using var probe = new TcpListener(IPAddress.Loopback, port);
        try
        {
            probe.Start();
        }
        catch (SocketException ex)
        {
            throw new IOException(ex.Message, ex);
        }

        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>The sandbox the demo starts: a few hundred songs and limits that let the demo move.</summary>
    public static SandboxOptions Sandbox()
    {
        var options = new SandboxOptions { Songs = 300, Users = 10 };
        options.Spotify.RequestsPerWindow = SpotifyPerWindow;
        return options;
    }

    /// <summary>
    /// A Security:TokenKey for this run only: the database is fresh at each start, so no stored token outlives the key.
    /// </summary>
    public static string NewTokenKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static Dictionary<string, string?> For(SandboxServer sandbox, Uri node, string tokenKey)
    {
        var url = sandbox.BaseUrl.AbsoluteUri;
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Security:TokenKey"] = tokenKey,
            ["Providers:Spotify:ApiBaseUrl"] = url,
            ["Providers:Spotify:AccountsBaseUrl"] = url,
            ["Providers:Spotify:ClientId"] = sandbox.Options.ClientId,
            ["Providers:Spotify:ClientSecret"] = sandbox.Options.ClientSecret,
            ["Providers:Spotify:RedirectUri"] = new Uri(node, "/connect/spotify/callback").AbsoluteUri,
            ["Providers:Spotify:RequestsPerWindow"] = SpotifyPerWindow.ToString(CultureInfo.InvariantCulture),
            ["Providers:MusicBrainz:BaseUrl"] = url,
            ["Providers:MusicBrainz:UserAgent"] = "Refrain-demo/1.0 ( demo@example.com )",
            ["Providers:Songstats:BaseUrl"] = url,
            ["Providers:Songstats:ApiKey"] = sandbox.Options.SongstatsApiKey,
            ["Providers:Snapshot:BaseUrl"] = url,
            ["Providers:Snapshot:RequestsPerWindow"] = sandbox.Options.Snapshot.RequestsPerWindow.ToString(CultureInfo.InvariantCulture),
            ["Workers:PollInterval"] = "00:00:00.200",
            // The demo's own lines are what a newcomer reads; the engine's informational logs would bury them.
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }
}
