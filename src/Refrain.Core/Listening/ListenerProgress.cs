namespace Refrain.Listening;

/// <summary>
/// A listener and how far its plays are enriched: play counts by enrichment state, token status and expiry, last sync and
/// last error. The tokens themselves never leave the store.
/// </summary>
public sealed record ListenerProgress(
    ListenerRecord Listener, DateTimeOffset? AccessExpiresAt, DateTimeOffset? RefreshExpiresAt,
    long TotalPlays, long Enriched, long Pending, long Unresolved)
{
    /// <summary>Enriched plays as a percentage of all plays, to one decimal; 0 with no plays.</summary>
    public double PercentEnriched => TotalPlays == 0 ? 0 : Math.Round(100.0 * Enriched / TotalPlays, 1);
}
