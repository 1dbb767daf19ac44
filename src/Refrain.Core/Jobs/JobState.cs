namespace Refrain.Jobs;

/// <summary>The seven states of a job. Terminal states are all but <see cref="Pending"/> and <see cref="Running"/>.</summary>
public static class JobState
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string NoData = "no_data";
    public const string Failed = "failed";
    public const string Dead = "dead";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Pending, Running, Succeeded, NoData, Failed, Dead, Cancelled];

    public static bool IsTerminal(string state) => state is Succeeded or NoData or Failed or Dead or Cancelled;

    public static bool IsKnown(string state) => All.Contains(state);
}
