using Refrain.Jobs;
using Refrain.Measurements.Jobs;
using Refrain.Providers.Snapshot;
using Refrain.Providers.Songstats;

namespace Refrain.Measurements;

/// <summary>Registers the measurement jobs: the historical backfill, the album snapshot and the scheduled catalog snapshot.</summary>
public static class MeasurementServices
{
    public static IServiceCollection AddMeasurementJobs(this IServiceCollection services)
    {
        // Provider set: claims skip them while Songstats or the snapshot service is paused, and each call passes its limit.
        services.AddSingleton(new JobHandlerRegistration(BackfillHistoryHandler.Source, BackfillHistoryHandler.JobType,
            sp => new BackfillHistoryHandler(sp.GetRequiredService<SongstatsClient>())) { Provider = SongstatsClient.Provider, Timeout = TimeSpan.FromMinutes(2) });
        services.AddSingleton(new JobHandlerRegistration(AlbumPlaycountsHandler.Source, AlbumPlaycountsHandler.JobType,
            sp => new AlbumPlaycountsHandler(sp.GetRequiredService<SnapshotClient>())) { Provider = SnapshotClient.Provider, Timeout = TimeSpan.FromMinutes(2) });
        services.AddSingleton(new JobHandlerRegistration(CatalogSnapshotHandler.Source, CatalogSnapshotHandler.JobType, _ => new CatalogSnapshotHandler()));
        return services;
    }
}
