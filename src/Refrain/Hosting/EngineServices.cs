using Microsoft.Extensions.Options;
using Refrain.Jobs;
using Refrain.Metrics;
using Refrain.Providers;
using Refrain.Rematch;
using Refrain.Scheduling;
using Refrain.Storage;

namespace Refrain.Hosting;

/// <summary>Registers the job engine: store, handlers, provider gate, worker, scheduler.</summary>
public static class EngineServices
{
    /// <summary>Adds the engine; <paramref name="database"/> (the CLI's <c>--database</c>) overrides <c>ConnectionStrings:Refrain</c>.</summary>
    public static IServiceCollection AddJobEngine(this IServiceCollection services, IConfiguration configuration, string? database)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => StoreFactory.Create(database ?? configuration.GetConnectionString("Refrain"), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new JobHandlerRegistration(NoopHandler.Source, NoopHandler.JobType, _ => new NoopHandler()) { Timeout = TimeSpan.FromMinutes(10) });
        services.AddSingleton(new JobHandlerRegistration(DurationMismatchSweepHandler.Source, DurationMismatchSweepHandler.JobType, _ => new DurationMismatchSweepHandler()));
        services.AddSingleton(sp => new JobHandlerRegistry(sp.GetServices<JobHandlerRegistration>()));
        services.AddSingleton(sp => new ProviderGate(
            sp.GetRequiredService<RefrainStore>(),
            configuration.GetSection("Providers").GetChildren().ToDictionary(c => c.Key.ToLowerInvariant(), c => c.Get<ProviderOptions>() ?? new ProviderOptions()),
            sp.GetRequiredService<TimeProvider>()));
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection("Workers"))
            .Validate(o => o.Validate().Count == 0, "invalid Workers settings").ValidateOnStart();
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection("Scheduling"));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WorkerOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SchedulingOptions>>().Value);
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton<Worker>();
        services.AddSingleton<Scheduler>();
        services.AddSingleton<ScheduleService>();
        return services;
    }

    /// <summary>System schedules that ship with Refrain; a configured schedule of the same name replaces one.</summary>
    public static readonly IReadOnlyList<ScheduleDefinition> DefaultSchedules =
    [
        new("spotify-rematch-monthly", "0 4 1 * *", $"{DurationMismatchSweepHandler.Source}/{DurationMismatchSweepHandler.JobType}")
        {
            Args = new SweepArgs(SweepArgs.DefaultThresholdSeconds).ToJson(), Origin = "config",
        },
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
