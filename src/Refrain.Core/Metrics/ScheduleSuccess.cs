namespace Refrain.Metrics;

/// <summary>When a schedule's last run ended <c>succeeded</c> (Unix ms; null when never); account null for system schedules.</summary>
public sealed record ScheduleSuccess(string Name, long? AccountId, long? LastSuccessAt);
