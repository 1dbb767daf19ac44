namespace Refrain.Storage;

/// <summary>The run and root job a fire time or trigger started (both null when a fire time was claimed but skipped).</summary>
public sealed record FireResult(long? RunId, long? JobId);
