namespace Refrain.Rematch;

/// <summary>A started sweep: its run (<c>/api/tasks/runs/{run_id}</c>) and the sweep job that fans out the re-match jobs.</summary>
public sealed record SweepStartedResponse(long RunId, long JobId);
