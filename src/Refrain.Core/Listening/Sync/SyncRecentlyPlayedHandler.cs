using System.Globalization;
using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Providers.Spotify;

namespace Refrain.Listening.Sync;

/// <summary>
/// <c>('spotify', 'sync_recently_played', 'listener:&lt;id&gt;')</c>: one recently-played call after the listener's cursor,
/// its plays stored through the import's merge (so a play both synced and imported is stored once), then the answer's
/// cursor stored. A full answer (50 plays) may have missed older plays: it is recorded as a possible gap. A failure is
/// stored as the listener's last error and returned as its outcome; it touches no other listener.
/// </summary>
public sealed class SyncRecentlyPlayedHandler(SpotifyRecentlyPlayed recentlyPlayed) : IJobHandler
{
    public const string Source = "spotify";
    public const string JobType = "sync_recently_played";

    /// <summary>The play source of synced plays (end times to the second).</summary>
    public const string PlaySource = "spotify_recent";

    /// <summary>The job that syncs <paramref name="listenerId"/> (its unique key admits one active sync per listener).</summary>
    public static NewJob For(long listenerId, long accountId) =>
        new(Source, JobType, Subject(listenerId)) { AccountId = accountId, Provider = SpotifyClient.Provider };

    public static string Subject(long listenerId) => string.Create(CultureInfo.InvariantCulture, $"listener:{listenerId}");

    public async Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var subject = context.Job.Subject ?? "";
        if (!subject.StartsWith("listener:", StringComparison.Ordinal)
            || !long.TryParse(subject.AsSpan(9), NumberStyles.None, CultureInfo.InvariantCulture, out var listenerId))
        {
            return new JobOutcome.Permanent($"subject '{subject}' does not name a listener (listener:<id>)");
        }

        var store = context.Store;
        var state = await store.GetListenerSyncStateAsync(listenerId, cancellationToken);
        if (state is null)
        {
            return JobOutcome.Success("skipped: the listener no longer exists");
        }

        if (state.Status != "active" || !state.Connected)
        {
            return JobOutcome.Success(state.Connected ? $"skipped: the listener is {state.Status}" : "skipped: the listener is not connected");
        }

        var page = await recentlyPlayed.GetAsync(ProviderCall.ForJob(context), listenerId, state.SyncCursor, cancellationToken);
        if (!page.IsOk)
        {
            if (Describe(page.Outcome!) is { } error)
            {
                await store.RecordSyncErrorAsync(listenerId, error, cancellationToken);
            }

            return page.Outcome!;
        }

        var items = page.Value!.Items;
        var plays = items.Select(ToPlay).ToList();
        var full = items.Count >= SpotifyRecentlyPlayed.MaxItems;
        var added = await store.StoreSyncAsync(listenerId, plays, page.Value.After, full, cancellationToken);
        return JobOutcome.Success(SyncDetail.Format(added, items.Count, full));
    }

    /// <summary>A synced play: the track's first artist (as account-data exports name it), its duration as the time played.</summary>
    internal static PlayRow ToPlay(SpotifyRecentlyPlayedItem item)
    {
        var track = item.Track.Track;
        return PlayParser.Build(track.Artists[0].Name, track.Name, track.Album?.Name, item.PlayedAt, track.DurationMs, PlaySource, 1000, track.Id);
    }

    /// <summary>The error to keep on the listener: failures only (a snooze is the rate limit at work, not a listener's problem).</summary>
    private static string? Describe(JobOutcome outcome) => outcome switch
    {
        JobOutcome.Permanent p => p.Error,
        JobOutcome.Retry r => $"transient: {r.Error}",
        JobOutcome.NoData n => n.Reason,
        _ => null,
    };
}
