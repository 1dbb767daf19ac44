namespace Refrain.Storage;

/// <summary>Changes to one run's counters, aggregated per batch so no job writes its run alone.</summary>
internal sealed record RunDelta(long Id)
{
    public int Total { get; set; }
    public int Succeeded { get; set; }
    public int NoData { get; set; }
    public int Failed { get; set; }
    public int Dead { get; set; }
    public int Cancelled { get; set; }

    public void Add(string state, int n)
    {
        switch (state)
        {
            case Jobs.JobState.Succeeded: Succeeded += n; break;
            case Jobs.JobState.NoData: NoData += n; break;
            case Jobs.JobState.Failed: Failed += n; break;
            case Jobs.JobState.Dead: Dead += n; break;
            case Jobs.JobState.Cancelled: Cancelled += n; break;
            default: break;
        }
    }

    /// <summary>Deltas for jobs that moved from <c>from</c> (terminal or not) to <c>to</c>.</summary>
    public static List<RunDelta> For(IEnumerable<(long? RunId, string? From, string To)> moves)
    {
        var byRun = new Dictionary<long, RunDelta>();
        foreach (var (runId, from, to) in moves)
        {
            if (runId is not { } id)
            {
                continue;
            }

            if (!byRun.TryGetValue(id, out var delta))
            {
                byRun[id] = delta = new RunDelta(id);
            }

            if (from is not null)
            {
                delta.Add(from, -1);
            }

            delta.Add(to, 1);
        }

        return byRun.Values.Where(d => d.Succeeded != 0 || d.NoData != 0 || d.Failed != 0 || d.Dead != 0 || d.Cancelled != 0 || d.Total != 0).ToList();
    }
}
