using Refrain.Runs;

namespace Refrain.Admin.Runs;

/// <summary>What the runs pages say about a run beyond its columns: its states and how long it took or has taken.</summary>
internal static class RunView
{
    public static readonly IReadOnlyList<string> States =
        [RunState.Running, RunState.Succeeded, RunState.CompletedWithErrors, RunState.Failed, RunState.Cancelled];

    /// <summary>End minus start, or now minus start while the run is still going.</summary>
    public static TimeSpan Duration(RunRecord run, DateTimeOffset now) =>
        TimeSpan.FromMilliseconds((run.EndedAt ?? now.ToUnixTimeMilliseconds()) - run.CreatedAt);
}
