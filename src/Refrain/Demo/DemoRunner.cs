using System.Globalization;
using Refrain.Hosting;
using Refrain.Sandbox;
using Refrain.Storage;

namespace Refrain.Demo;

/// <summary>
/// <c>refrain demo</c>: the sandbox and a node wired to it, seeded, its scheduler and workers calling the sandbox over HTTP,
/// with the URL, an admin key and a few requests printed, then progress lines until Ctrl+C.
/// </summary>
internal sealed class DemoRunner(TextWriter output, TextWriter error)
{
    public async Task<int> RunAsync(int port, string? database, CancellationToken ct)
    {
        var time = TimeProvider.System;
        var started = time.GetTimestamp();
        var nodePort = DemoSettings.ResolvePort(port);
        var db = DemoDatabase.Prepare(database);
        var node = new Uri($"http://127.0.0.1:{nodePort.ToString(CultureInfo.InvariantCulture)}/");
        await using var sandbox = await SandboxServer.StartAsync(DemoSettings.Sandbox(), ct);
        var settings = DemoSettings.For(sandbox, node, DemoSettings.NewTokenKey());
        var app = RefrainApp.Build(node.AbsoluteUri.TrimEnd('/'), db.ConnectionString, runEngine: true,
            configure: builder => builder.Configuration.AddInMemoryCollection(settings));
        await using (app)
        {
            await app.Services.GetRequiredService<RefrainStore>().MigrateAsync(ct);
            await app.StartAsync(ct);
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
            try
            {
                using var api = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };
                var seeder = new DemoSeeder(app.Services.GetRequiredService<RefrainStore>(), sandbox, node, time);
                var seed = await seeder.SeedAsync(api, stopping.Token);
                await PrintWelcomeAsync(node, sandbox, db, seed);
                await seeder.StartRunsAsync(api, seed, stopping.Token);
                await SayAsync(seed.MeasurementRunId is { } m
                    ? $"started: duration-mismatch sweep (run {seed.RematchRunId}) and a current measurement job for the catalog (run {m})"
                    : $"started: duration-mismatch sweep (run {seed.RematchRunId}); this node has no measurement-jobs endpoint yet");
                await new DemoProgress(api, seed, output, time, started).RunAsync(stopping.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Ctrl+C: stop gracefully below.
            }
            catch (Exception ex) when (ex is DemoException or HttpRequestException)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                await app.StopAsync(CancellationToken.None);
                return Cli.ExitCodes.Errors;
            }

            await SayAsync("stopping");
            await app.StopAsync(CancellationToken.None);
        }

        return Cli.ExitCodes.Success;
    }

    private async Task PrintWelcomeAsync(Uri node, SandboxServer sandbox, DemoDatabase db, DemoSeed seed)
    {
        var root = node.AbsoluteUri.TrimEnd('/');
        var listeners = string.Join(", ", seed.Listeners.Select(l => $"{l.Name} ({l.Id}, {l.UploadedPlays} plays uploaded{(l.Connected ? ", connected" : "")})"));
        await SayAsync($"""
            Refrain demo: a node on {root} with the sandbox's Spotify, MusicBrainz, Songstats and snapshot stand-ins on {sandbox.BaseUrl.AbsoluteUri.TrimEnd('/')}
            database: {db.Description}
            seeded: account {DemoSeeder.Account}, catalog {seed.CatalogId} of {seed.Songs} songs, listeners {listeners}
            dashboard: {root}/admin   (log in with the admin key below)
            API: {root}/api
            docs: {root}/api/docs
            admin key (account {DemoSeeder.Account}; a new one at each start):
            {seed.AdminKey}
            try:
              export KEY={seed.AdminKey}
              curl -H "x-api-key: $KEY" {root}/api/tasks/runs
              curl -H "x-api-key: $KEY" "{root}/api/jobs?source=spotify&job_type=rematch_duration_mismatches"
              curl -H "x-api-key: $KEY" {root}/api/reviews/duration-mismatches
              curl -H "x-api-key: $KEY" {root}/api/listeners/{seed.Listeners[0].Id}
              curl -H "x-api-key: $KEY" {root}/api/providers
            Ctrl+C stops it.
            """);
    }

    private async Task SayAsync(string text)
    {
        await output.WriteLineAsync(text);
        await output.FlushAsync(CancellationToken.None);
    }
}
