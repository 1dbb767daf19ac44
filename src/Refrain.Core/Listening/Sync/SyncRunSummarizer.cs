using System.Globalization;
using System.Text.Json;
using Refrain.Jobs;
using Refrain.Runs;
using Refrain.Storage;

namespace Refrain.Listening.Sync;

/// <summary>
/// A sync sweep's summary: listeners synced, plays added, possible gaps, skips and failures, and the refresh-token expiry
/// report (listeners whose refresh token expires within 7 days, and within 30 days, by id) that issue 5 asks of every run,
/// with those newly in each band marked on the listener (<c>expiry_reported_days</c>) so a later notification says it once.
/// </summary>
public sealed class SyncRunSummarizer(TimeProvider time) : IRunSummarizer
{
    public string Kind => SyncSweepHandler.Kind;

    public async Task<string> SummarizeAsync(RefrainStore store, RunRecord run, CancellationToken cancellationToken)
    {
        var counts = await store.CountChildDetailsAsync(run.Id, SyncRecentlyPlayedHandler.JobType, cancellationToken);
        long synced = 0, added = 0, gaps = 0, skipped = 0;
        foreach (var (detail, state, count) in counts.Where(c => c.State == JobState.Succeeded))
        {
            if (SyncDetail.Parse(detail) is { } sync)
            {
                synced += count;
                added += sync.Added * count;
                gaps += sync.PossibleGap ? count : 0;
            }
            else
            {
                skipped += count;
            }
        }

        var failed = counts.Where(c => c.State is JobState.Failed or JobState.Dead).Sum(c => c.Count);
        var now = time.GetUtcNow();
        var expiring = (await store.ListExpiringListenersAsync(now.AddDays(30), cancellationToken))
            .Where(l => run.AccountId is null || l.AccountId == run.AccountId)
            .ToList();
        var within7 = expiring.Where(l => TokenExpiry.Warning(l.RefreshExpiresAt, now) == TokenExpiry.Within7Days).Select(l => l.Id).ToList();
        // Within 30 days includes those within 7: each list answers its own question ("who expires this month?").
        var within30 = expiring.Select(l => l.Id).ToList();
        // Newly reported: listeners entering a band since the last report, what a notification will announce once.
        var (new7, new30) = await store.MarkExpiryReportedAsync(now, run.AccountId, cancellationToken);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"synced {synced}, plays added {added}, possible gaps {gaps}, skipped {skipped}, failed {failed}; refresh tokens expiring within 7 days {Ids(within7)}, within 30 days {Ids(within30)}");
        return JsonSerializer.Serialize(new
        {
            synced,
            plays_added = added,
            possible_gaps = gaps,
            skipped,
            failed,
            refresh_expiring_7_days = within7,
            refresh_expiring_30_days = within30,
            newly_reported_7_days = new7,
            newly_reported_30_days = new30,
            text,
        });
    }

    private static string Ids(IReadOnlyList<long> ids) =>
        ids.Count == 0 ? "none" : string.Create(CultureInfo.InvariantCulture, $"{ids.Count} ({string.Join(", ", ids.Take(20))}{(ids.Count > 20 ? ", …" : "")})");
}
