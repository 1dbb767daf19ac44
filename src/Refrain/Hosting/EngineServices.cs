using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refrain.Jobs;
using Refrain.Listening.Connect;
using Refrain.Listening.Sync;
using Refrain.Metrics;
using Refrain.Providers;
using Refrain.Matching;
using Refrain.Providers.MusicBrainz;
using Refrain.Providers.Spotify;
using Refrain.Rematch;
using Refrain.Runs;
using Refrain.Scheduling;
using Refrain.Security;
using Refrain.Storage;

namespace Refrain.Hosting;

/// <summary>Registers the job engine: store, handlers, provider gate, worker, scheduler.</summary>
public static class EngineServices
{
    /// <summary>Adds the engine; <paramref name="database"/> (the CLI's <c>--database</c>) overrides <c>ConnectionStrings:Refrain</c>.</summary>
    public static IServiceCollection AddJobEngine(this IServiceCollection services, IConfiguration configuration, string? database)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => StoreFactory.Create(database ?? configuration.GetConnectionString("Refrain"), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new JobHandlerRegistration(NoopHandler.Source, NoopHandler.JobType, _ => new NoopHandler()) { Timeout = TimeSpan.FromMinutes(10) });
        services.AddSingleton(new JobHandlerRegistration(DurationMismatchSweepHandler.Source, DurationMismatchSweepHandler.JobType, _ => new DurationMismatchSweepHandler()));
        services.AddSingleton(new MatcherOptions { Version = configuration["Matching:Version"] ?? SpotifyMatcher.Version });
        services.AddSingleton(sp => new SpotifyMatcher(sp.GetRequiredService<MatcherOptions>()));
        services.AddSingleton(new JobHandlerRegistration(RematchJob.Source, RematchJob.JobType,
            sp => new RematchHandler(sp.GetRequiredService<SpotifyClient>(), sp.GetRequiredService<SpotifyMatcher>())) { Provider = SpotifyClient.Provider, Timeout = TimeSpan.FromMinutes(2), RequestsPerJob = 3 });
        services.AddSingleton(new JobHandlerRegistration(RefreshLinkHandler.Source, RefreshLinkHandler.JobType,
            sp => new RefreshLinkHandler(sp.GetRequiredService<SpotifyClient>())) { Provider = SpotifyClient.Provider, Timeout = TimeSpan.FromMinutes(1) });
        services.AddSingleton(new JobHandlerRegistration(RefreshRecordingHandler.Source, RefreshRecordingHandler.JobType,
            sp => new RefreshRecordingHandler(sp.GetRequiredService<MusicBrainzClient>())) { Provider = MusicBrainzClient.Provider, Timeout = TimeSpan.FromMinutes(1) });
        var linkMaxAge = TimeSpan.TryParse(configuration["Catalog:LinkMaxAge"], System.Globalization.CultureInfo.InvariantCulture, out var age) ? age : TimeSpan.FromDays(30);
        foreach (var (source, sweep) in new[] { ("spotify", CatalogSweepHandler.OutdatedMatches), ("spotify", CatalogSweepHandler.StaleLinks), ("musicbrainz", CatalogSweepHandler.MissingDurations) })
        {
            services.AddSingleton(new JobHandlerRegistration(source, sweep,
                sp => new CatalogSweepHandler(sweep, sp.GetRequiredService<MatcherOptions>(), linkMaxAge)));
        }

        services.AddSingleton(new JobHandlerRegistration(SyncRecentlyPlayedHandler.Source, SyncRecentlyPlayedHandler.JobType,
            sp => new SyncRecentlyPlayedHandler(sp.GetRequiredService<SpotifyRecentlyPlayed>())) { Provider = SpotifyClient.Provider, Timeout = TimeSpan.FromMinutes(1) });
        services.AddSingleton(new JobHandlerRegistration(SyncSweepHandler.Source, SyncSweepHandler.JobType, _ => new SyncSweepHandler()));
        Measurements.MeasurementServices.AddMeasurementJobs(services);
        services.AddSingleton(sp => new SpotifyRecentlyPlayed(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(SpotifyClient.Provider),
            sp.GetRequiredService<IOptions<SpotifyOptions>>().Value,
            sp.GetRequiredService<Refrain.Listening.IListenerTokens>(),
            sp.GetRequiredService<ILogger<SpotifyRecentlyPlayed>>()));
        services.AddSingleton<IRunSummarizer, SyncRunSummarizer>();
        services.AddSingleton<IRunSummarizer, RematchRunSummarizer>();
        services.AddSingleton<IRunSummarizer, OutdatedRunSummarizer>();
        services.AddSingleton<RunSummaries>();
        services.AddProviders(configuration);
        Notifications.NotificationServices.AddNotifications(services, configuration);
        Listening.EnrichmentServices.AddListeningEnrichment(services, configuration);
        services.AddTokenProtection(configuration);
        services.AddSpotifyConnect(configuration);
        services.AddSingleton(sp => new JobHandlerRegistry(sp.GetServices<JobHandlerRegistration>()));
        services.AddSingleton(sp => new ProviderGate(
            sp.GetRequiredService<RefrainStore>(),
            ProviderLimits(configuration),
            sp.GetRequiredService<TimeProvider>()));
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection("Workers"))
            .Validate(o => o.Validate().Count == 0, "invalid Workers settings").ValidateOnStart();
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection("Scheduling"));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WorkerOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SchedulingOptions>>().Value);
        services.AddEngineMetrics();
        services.AddSingleton<Worker>();
        services.AddSingleton<Scheduler>();
        services.AddSingleton<ScheduleService>();
        return services;
    }

    /// <summary>
    /// Each provider's limits from <c>Providers:&lt;Name&gt;</c>; MusicBrainz allows one request a second unless configured
    /// otherwise (its published limit).
    /// </summary>
    public static Dictionary<string, ProviderOptions> ProviderLimits(IConfiguration configuration)
    {
        var limits = configuration.GetSection("Providers").GetChildren()
            .ToDictionary(c => c.Key.ToLowerInvariant(), c => c.Get<ProviderOptions>() ?? new ProviderOptions());
        if (!limits.TryGetValue(MusicBrainzClient.Provider, out var musicBrainz) || musicBrainz.RequestsPerWindow <= 0)
        {
            limits[MusicBrainzClient.Provider] = new ProviderOptions { RequestsPerWindow = 30, Window = TimeSpan.FromSeconds(30) };
        }

        return limits;
    }

    /// <summary>System schedules that ship with Refrain; a configured schedule of the same name replaces one.</summary>
    public static readonly IReadOnlyList<ScheduleDefinition> DefaultSchedules =
    [
        new("spotify-rematch-monthly", "0 4 1 * *", $"{DurationMismatchSweepHandler.Source}/{DurationMismatchSweepHandler.JobType}")
        {
            Args = new SweepArgs(SweepArgs.DefaultThresholdSeconds).ToJson(), Origin = "config",
        },
        new(SyncSweepHandler.ScheduleName, "0 * * * *", SyncSweepHandler.Kind) { Origin = "config" },
        Listening.EnrichmentServices.Schedule,
    ];

    /// <summary>The default schedules overlaid with those of configuration (<c>Schedules</c> section, by name).</summary>
    public static IReadOnlyList<ScheduleDefinition> ConfiguredSchedules(IConfiguration configuration)
    {
        var configured = configuration.GetSection("Schedules").GetChildren().Select(s => new ScheduleDefinition(
            s["Name"] ?? s.Key, s["Cron"] ?? "", s["Job"] ?? "")
        {
            TimeZone = s["TimeZone"] ?? "UTC",
            Args = s["Args"] ?? "{}",
            Overlap = s["Overlap"] ?? OverlapPolicy.Skip,
            Misfire = s["Misfire"] ?? MisfirePolicy.Once,
            MisfireThreshold = TimeSpan.TryParse(s["MisfireThreshold"], System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : TimeSpan.FromSeconds(60),
            Notify = s["Notify"] ?? "failure",
            Origin = "config",
        }).ToList();
        return DefaultSchedules.Where(d => configured.All(c => c.Name != d.Name)).Concat(configured).ToList();
    }
}
