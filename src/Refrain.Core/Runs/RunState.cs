namespace Refrain.Runs;

/// <summary>A run is <c>running</c> until its sweep job and every child are terminal.</summary>
public static class RunState
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string CompletedWithErrors = "completed_with_errors";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}
