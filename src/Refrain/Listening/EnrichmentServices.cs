using Refrain.Jobs;
using Refrain.Listening.Enrichment;
using Refrain.Matching;
using Refrain.Providers.Spotify;
using Refrain.Runs;
using Refrain.Scheduling;

namespace Refrain.Listening;

/// <summary>Registers listening-history enrichment: its three job handlers, its run summaries and its system schedule.</summary>
public static class EnrichmentServices
{
    /// <summary>The system schedule that enqueues enrichment for every listener with work due (hourly at :15 by default).</summary>
    public static readonly ScheduleDefinition Schedule =
        new("listening-enrich", "15 * * * *", $"{EnrichmentJobs.Source}/{EnrichmentJobs.Sweep}") { Origin = "config" };

    public static IServiceCollection AddListeningEnrichment(this IServiceCollection services, IConfiguration configuration)
    {
        // With the batch endpoint a job of 50 ids costs one request; name-only tracks still cost a search each.
        var batch = configuration.GetValue<bool>("Providers:Spotify:BatchTrackLookup");
        services.AddSingleton(new JobHandlerRegistration(EnrichmentJobs.Source, EnrichmentJobs.Listener, _ => new EnrichListenerHandler()));
        services.AddSingleton(new JobHandlerRegistration(EnrichmentJobs.Source, EnrichmentJobs.Sweep, _ => new EnrichmentSweepHandler()));
        services.AddSingleton(new JobHandlerRegistration(EnrichmentJobs.Source, EnrichmentJobs.Tracks,
            sp => new EnrichTracksHandler(sp.GetRequiredService<SpotifyClient>(), sp.GetRequiredService<SpotifyMatcher>()))
        {
            Provider = SpotifyClient.Provider, RequestsPerJob = batch ? 5 : EnrichmentJobs.TracksPerJob, Timeout = TimeSpan.FromMinutes(10),
        });
        services.AddSingleton<IRunSummarizer>(new EnrichmentRunSummarizer($"{EnrichmentJobs.Source}/{EnrichmentJobs.Listener}"));
        services.AddSingleton<IRunSummarizer>(new EnrichmentRunSummarizer($"{EnrichmentJobs.Source}/{EnrichmentJobs.Sweep}"));
        return services;
    }
}
