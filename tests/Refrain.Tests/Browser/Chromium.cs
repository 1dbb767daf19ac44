using Microsoft.Playwright;
using Refrain.Sandbox;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Browser;

/// <summary>
/// One headless chromium for a test class (an xunit class fixture), launched through Playwright's bundled driver from
/// Debian's package, never from a Playwright download; and one Spotify sandbox beside it, for the dashboard's accept
/// decision, which reads the chosen track from Spotify.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Where Debian's <c>chromium</c> package puts the browser (<c>.ci/run</c> installs it).</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public SandboxServer Sandbox { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new SandboxOptions { Songs = 20 };
        options.Spotify.RequestsPerWindow = 0;
        Sandbox = await SandboxServer.StartAsync(options, CancellationToken.None);

        if (!File.Exists(ExecutablePath))
        {
            // Locally the tests are skipped (BrowserFact); on CI a missing browser fails them instead of passing them.
            if (PostgresServer.IsCi)
            {
                throw new InvalidOperationException($"{ExecutablePath} is required on CI (apt-get install chromium)");
            }

            return;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // No sandbox: CI runs as root in a container; the rest keeps the browser off the network and quiet.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Sandbox.DisposeAsync();
    }
}
