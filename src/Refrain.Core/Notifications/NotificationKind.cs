namespace Refrain.Notifications;

/// <summary>What a notification announces.</summary>
public static class NotificationKind
{
    /// <summary>A run ended <c>failed</c> or <c>completed_with_errors</c>.</summary>
    public const string RunFailed = "run_failed";

    /// <summary>A run of a schedule whose notify policy is <c>always</c> ended: its summary.</summary>
    public const string RunSummary = "run_summary";

    /// <summary>A schedule has not succeeded since a fire time plus the gap to the following one.</summary>
    public const string ScheduleStale = "schedule_stale";

    /// <summary>A stale schedule succeeded again.</summary>
    public const string ScheduleRecovered = "schedule_recovered";

    /// <summary>A listener's refresh token expires within 30 days, or within 7.</summary>
    public const string TokenExpiring = "token_expiring";

    /// <summary>A provider has been paused for longer than <see cref="NotificationOptions.LongPause"/>.</summary>
    public const string ProviderPaused = "provider_paused";

    public static readonly IReadOnlyList<string> All = [RunFailed, RunSummary, ScheduleStale, ScheduleRecovered, TokenExpiring, ProviderPaused];
}
