namespace Refrain.Runs;

/// <summary>How many dead jobs of the run were put back in the queue.</summary>
public sealed record RetriedResponse(long RunId, int Retried);
