namespace Refrain.Scheduling;

/// <summary>A run started on demand (<c>trigger</c> or the cron route): its run and root job, to follow them.</summary>
public sealed record TriggeredResponse(long RunId, long JobId);
