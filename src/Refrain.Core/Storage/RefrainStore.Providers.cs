using Dapper;
using Refrain.Providers;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>Pauses a provider until <paramref name="until"/>; with <paramref name="extendOnly"/> a longer pause already stored wins.</summary>
    public Task PauseProviderAsync(string provider, DateTimeOffset until, string reason, bool extendOnly, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Command(CommonSql.PauseProvider, new
        {
            name = provider, until = until.ToUnixTimeMilliseconds(), reason, now = NowMs, extendOnly = extendOnly ? 1 : 0,
        }, tx, cancellationToken)), cancellationToken);

    public Task ResumeProviderAsync(string provider, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Command(CommonSql.ResumeProvider, new { name = provider, now = NowMs }, tx, cancellationToken)), cancellationToken);

    public async Task<IReadOnlyList<ProviderPause>> ListProviderPausesAsync(CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(c => c.QueryAsync<(string Name, long? PausedUntil, string? Reason, long PauseCount)>(
            Command(CommonSql.ProviderStates, null, null, cancellationToken)), cancellationToken);
        return rows.Select(r => new ProviderPause(r.Name, FromMs(r.PausedUntil), r.Reason, (int)r.PauseCount)).ToList();
    }

    public async Task<ProviderPause?> GetProviderPauseAsync(string provider, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(c => c.QueryAsync<(string Name, long? PausedUntil, string? Reason, long PauseCount)>(
            Command(CommonSql.ProviderState, new { name = provider }, null, cancellationToken)), cancellationToken);
        return rows.Select(r => new ProviderPause(r.Name, FromMs(r.PausedUntil), r.Reason, (int)r.PauseCount)).FirstOrDefault();
    }

    /// <summary>Requests granted to the provider in the window ending now.</summary>
    public async Task<int> CountRequestsInWindowAsync(string provider, TimeSpan window, CancellationToken cancellationToken) =>
        (int)await ReadAsync(c => c.ExecuteScalarAsync<long>(Command(
            "SELECT COUNT(*) FROM provider_requests WHERE provider = @p AND at > @cutoff",
            new { p = provider, cutoff = NowMs - (long)window.TotalMilliseconds }, null, cancellationToken)), cancellationToken);

    /// <summary>
    /// Sliding-log rate limit shared by every worker using this database: grants a request when fewer than
    /// <paramref name="limit"/> were granted in the window (now − <paramref name="window"/>, now]; otherwise says when the oldest leaves it.
    /// </summary>
    public Task<RateDecision> TryAcquireRequestAsync(string provider, int limit, TimeSpan window, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var now = NowMs;
            var cutoff = now - (long)window.TotalMilliseconds;
            var p = new { p = provider, cutoff, now };
            if (Sql.LockProvider.Length > 0)
            {
                await c.ExecuteAsync(Command(Sql.LockProvider, p, tx, cancellationToken));
            }

            await c.ExecuteAsync(Command(CommonSql.ForgetOldRequests, p, tx, cancellationToken));
            var (count, oldest) = await c.QuerySingleAsync<(long N, long? Oldest)>(Command(CommonSql.CountRequests, p, tx, cancellationToken));
            if (count >= limit)
            {
                return new RateDecision(false, FromMs((oldest ?? now) + (long)window.TotalMilliseconds));
            }

            await c.ExecuteAsync(Command(CommonSql.RecordRequest, p, tx, cancellationToken));
            return new RateDecision(true, null);
        }, cancellationToken);
}
