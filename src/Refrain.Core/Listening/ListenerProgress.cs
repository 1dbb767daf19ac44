using Refrain.Listening.Sync;

namespace Refrain.Listening;

/// <summary>
/// A listener and how far its plays are enriched: play counts by enrichment state, token status and expiry, last sync,
/// possible gaps (syncs that came back full) and last error, as of <see cref="AsOf"/>. The tokens themselves never leave the
/// store.
/// </summary>
public sealed record ListenerProgress(
    ListenerRecord Listener, DateTimeOffset? AccessExpiresAt, DateTimeOffset? RefreshExpiresAt,
    long TotalPlays, long Enriched, long Pending, long Unresolved, long PossibleGaps, DateTimeOffset? LastGapAt, DateTimeOffset AsOf)
{
    /// <summary>Enriched plays as a percentage of all plays, to one decimal; 0 with no plays.</summary>
    public double PercentEnriched => TotalPlays == 0 ? 0 : Math.Round(100.0 * Enriched / TotalPlays, 1);

    /// <summary>Whole days until the refresh token expires (negative once expired); null when none is stored.</summary>
    public long? RefreshExpiresInDays => TokenExpiry.DaysLeft(RefreshExpiresAt, AsOf);

    /// <summary><c>7_days</c>, <c>30_days</c> or null: the reconnect warning band the refresh token is in.</summary>
    public string? ExpiryWarning => TokenExpiry.Warning(RefreshExpiresAt, AsOf);
}
