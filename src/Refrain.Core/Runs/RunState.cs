namespace Refrain.Runs;

/// <summary>
/// A run is <c>running</c> until its sweep job and every child are terminal; then <c>failed</c> if the sweep failed,
/// <c>completed_with_errors</c> if any child failed or died, <c>cancelled</c> if jobs were cancelled, else <c>succeeded</c>.
/// </summary>
public static class RunState
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string CompletedWithErrors = "completed_with_errors";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}
