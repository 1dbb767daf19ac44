namespace Refrain.Admin.Overview;

/// <summary>
/// A provider as the overview shows it: its rate limit and what is left of it now, whether this node runs it, its pause
/// (until when and why) and, for paid providers, this month's calls against the cap.
/// </summary>
internal sealed record ProviderStatus(
    string Name, int RequestsPerWindow, TimeSpan Window, int? AvailableNow, string? NotRunningReason,
    DateTimeOffset? PausedUntil, string? PauseReason, long? QuotaUsed, long? QuotaCap)
{
    public bool Paused => PausedUntil is not null;
}
