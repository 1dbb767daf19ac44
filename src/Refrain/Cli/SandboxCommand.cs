using System.CommandLine;
using Refrain.Sandbox;

namespace Refrain.Cli;

/// <summary><c>refrain sandbox [--port N]</c>: the provider stand-ins in the foreground until Ctrl+C.</summary>
internal static class SandboxCommand
{
    public const int DefaultPort = 5081;

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = $"Port on 127.0.0.1 (0 picks a free one; default {DefaultPort})", DefaultValueFactory = _ => DefaultPort };
        var command = new Command("sandbox", "Run stand-ins for the Spotify and MusicBrainz APIs on 127.0.0.1 (a generated catalog, rate limits, faults)") { port };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var n = parse.GetValue(port);
            if (n is < 0 or > 65535)
            {
                await error.WriteLineAsync("error: --port must be between 0 and 65535");
                return ExitCodes.BadInput;
            }

            SandboxServer server;
            try
            {
                server = await SandboxServer.StartAsync(new SandboxOptions { Port = n }, ct);
            }
            catch (IOException ex)
            {
                await error.WriteLineAsync($"error: cannot listen on 127.0.0.1:{n}: {ex.Message}");
                return ExitCodes.BadInput;
            }

            await using (server)
            {
                var url = server.BaseUrl.AbsoluteUri.TrimEnd('/');
                await output.WriteLineAsync(url);
                await output.WriteLineAsync($"""
                    {server.Catalog.Songs.Count} songs, {server.Catalog.Tracks.Count} Spotify tracks, {server.Catalog.Recordings.Count} MusicBrainz recordings (seed {server.Options.Seed})
                    limits: spotify {server.Options.Spotify.RequestsPerWindow}, musicbrainz {server.Options.MusicBrainz.RequestsPerWindow} requests per 30 s; counts at {url}/_sandbox/stats
                    user sign-in: {url}/authorize (PKCE, consents at once; redirect URIs on http://127.0.0.1), /api/token, /v1/me, /v1/me/player/recently-played
                    point Refrain at it:
                      Providers__Spotify__ApiBaseUrl={url}
                      Providers__Spotify__AccountsBaseUrl={url}
                      Providers__Spotify__ClientId={server.Options.ClientId}
                      Providers__Spotify__ClientSecret={server.Options.ClientSecret}
                      Providers__MusicBrainz__BaseUrl={url}
                      Providers__MusicBrainz__UserAgent="Refrain/1.0 ( ops@example.com )"
                    Ctrl+C stops it.
                    """);
                await output.FlushAsync(CancellationToken.None);
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: stop and exit 0.
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
