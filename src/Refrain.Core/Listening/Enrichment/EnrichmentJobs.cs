using System.Globalization;
using Refrain.Jobs;
using Refrain.Providers.Spotify;
using Refrain.Runs;
using Refrain.Storage;

namespace Refrain.Listening.Enrichment;

/// <summary>
/// The enrichment job types and how a run of one listener's enrichment starts: after an upload (<c>event</c>), by hand
/// (<c>api</c>, <c>manual</c>), or from the <c>listening-enrich</c> schedule's sweep.
/// </summary>
public static class EnrichmentJobs
{
    public const string Source = "spotify";

    /// <summary><c>('spotify', 'enrich_listener', 'listener:&lt;id&gt;')</c>: fills what is known and fans out the rest.</summary>
    public const string Listener = "enrich_listener";

    /// <summary><c>('spotify', 'enrich_tracks', '&lt;listener&gt;:&lt;first key&gt;')</c>: resolves at most 50 distinct tracks.</summary>
    public const string Tracks = "enrich_tracks";

    /// <summary><c>('spotify', 'sweep_enrich_listeners')</c>: an enrich_listener job for every listener with work due.</summary>
    public const string Sweep = "sweep_enrich_listeners";

    /// <summary>Distinct tracks per enrich_tracks job: one batch request when the batch endpoint is on.</summary>
    public const int TracksPerJob = SpotifyClient.MaxBatch;

    /// <summary>The subject of a listener's enrich_listener job.</summary>
    public static string Subject(long listenerId) => "listener:" + listenerId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Starts a run enriching one listener. When its job is already queued (unique while active), the run is recorded as
    /// skipped and the returned job id is the queued one.
    /// </summary>
    public static Task<FireResult> StartAsync(RefrainStore store, long listenerId, long accountId, string trigger, string? requestedBy,
        CancellationToken cancellationToken) =>
        store.StartRunAsync(new RunStart($"{Source}/{Listener}", accountId, trigger, requestedBy),
            new NewJob(Source, Listener, Subject(listenerId)) { AccountId = accountId, Args = ListenerArgs(listenerId) }, cancellationToken);

    internal static string ListenerArgs(long listenerId) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"listener\":{listenerId}}}");
}
