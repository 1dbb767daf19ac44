using Microsoft.Playwright;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Browser;

/// <summary>
/// A fresh node (real Kestrel on 127.0.0.1, SQLite, workers off, Spotify pointed at the class's sandbox) per test, and a
/// fresh browser context with one page on the class's shared chromium, so cookies never leak between tests.
/// </summary>
public abstract partial class BrowserTestBase(Chromium chromium) : ApiTestBase, IAsyncLifetime
{
    /// <summary>Playwright's auto-waiting assertions give up after this; generous because CI's two cores are shared.</summary>
    private const float WaitMs = 15_000;

    private IBrowserContext? _context;

    protected Chromium Chromium { get; } = chromium;

    protected IPage Page { get; private set; } = null!;

    protected override Dictionary<string, string?> Settings => SandboxSettings.Spotify(Chromium.Sandbox);

    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Assertions.SetDefaultExpectTimeout(WaitMs);
        _context = await Chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        _context.SetDefaultTimeout(WaitMs);
        Page = await _context.NewPageAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        await DisposeAsync();
    }

    /// <summary>Opens a dashboard page and asserts it answered 200.</summary>
    protected async Task<IResponse> OpenAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.True(response.Status == 200, $"GET {path} answered {response.Status}");
        return response;
    }

    /// <summary>Logs in through the form with <paramref name="key"/> (default: the admin key) and waits for the overview.</summary>
    protected async Task LogInAsync(string? key = null)
    {
        await OpenAsync("/admin/login");
        await Page.GetByLabel("Admin API key").FillAsync(key ?? AdminKey);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>The page's first-level heading, as a user reads it.</summary>
    protected ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });
}
