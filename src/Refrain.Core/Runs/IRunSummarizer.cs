using Refrain.Storage;

namespace Refrain.Runs;

/// <summary>Writes the domain summary of a run of one kind when it ends ("relinked 41, kept 9, ...").</summary>
public interface IRunSummarizer
{
    /// <summary>The run kind this summarizer knows, e.g. <c>spotify/sweep_duration_mismatches</c>.</summary>
    string Kind { get; }

    /// <summary>The summary as a JSON object.</summary>
    Task<string> SummarizeAsync(RefrainStore store, RunRecord run, CancellationToken cancellationToken);
}
