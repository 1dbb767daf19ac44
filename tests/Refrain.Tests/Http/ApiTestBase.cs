using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Refrain.Accounts;
using Refrain.Hosting;
using Refrain.Storage;

namespace Refrain.Tests.Http;

/// <summary>
/// The real server on 127.0.0.1 (Kestrel, port 0) over a fresh database, with the engine's workers off so jobs stay where
/// the test put them. Two member accounts (<c>alpha</c>, <c>beta</c>) and an admin key; every log line is captured.
/// Subclasses say which database.
/// </summary>
public abstract class ApiTestBase : IAsyncLifetime
{
    private readonly List<HttpClient> _clients = [];
    private WebApplication? _app;

    /// <summary>2026-11-22T12:00:00Z, a Sunday.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    protected string ConnectionString { get; private set; } = "";

    /// <summary>The server's store (same clock, same database).</summary>
    protected RefrainStore Store => _app!.Services.GetRequiredService<RefrainStore>();

    protected IServiceProvider Services => _app!.Services;

    protected Uri BaseAddress { get; private set; } = null!;

    protected long AlphaId { get; private set; }
    protected long BetaId { get; private set; }
    protected string AlphaKey { get; private set; } = "";
    protected string BetaKey { get; private set; } = "";
    protected string AdminKey { get; private set; } = "";

    /// <summary>Every log message the server wrote, formatted, with its exception.</summary>
    protected ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>Extra configuration for the server (e.g. <c>Cron:Secret</c>); read once at start.</summary>
    protected virtual Dictionary<string, string?> Settings => [];

    protected abstract Task<string> CreateDatabaseAsync();

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        _app = RefrainApp.Build("http://127.0.0.1:0", ConnectionString, runEngine: false, configure: builder =>
        {
            // Every server gets a token key; a subclass's Settings can still replace it.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Security:TokenKey"] = Security.TestTokenKeys.Default });
            builder.Configuration.AddInMemoryCollection(Settings);
            builder.Services.AddSingleton<TimeProvider>(Time);
            builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLoggerProvider(Logs));
        });
        await Store.MigrateAsync(CancellationToken.None);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);

        AlphaId = (await Store.CreateAccountAsync("alpha", CancellationToken.None))!.Id;
        BetaId = (await Store.CreateAccountAsync("beta", CancellationToken.None))!.Id;
        AlphaKey = await CreateKeyAsync(AlphaId, admin: false);
        BetaKey = await CreateKeyAsync(BetaId, admin: false);
        AdminKey = await CreateKeyAsync(1, admin: true);
    }

    protected async Task<string> CreateKeyAsync(long accountId, bool admin)
    {
        var secret = ApiKeys.NewSecret();
        var id = await Store.CreateApiKeyAsync(accountId, null, admin, ApiKeys.Hash(secret), CancellationToken.None);
        return ApiKeys.Format(id, secret);
    }

    /// <summary>A client sending <paramref name="key"/> in <c>x-api-key</c> (or none).</summary>
    protected HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("x-api-key", key);
        }

        _clients.Add(client);
        return client;
    }

    protected HttpClient Alpha => Client(AlphaKey);
    protected HttpClient Beta => Client(BetaKey);
    protected HttpClient Admin => Client(AdminKey);

    protected static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    protected static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new Xunit.Sdk.XunitException($"expected JSON, got {(int)response.StatusCode}: {text}");
        }
    }

    /// <summary>Asserts a problem detail with this status; returns it.</summary>
    protected static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return problem;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await DropDatabaseAsync();
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, sink);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
