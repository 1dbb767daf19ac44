using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Refrain.Storage;

namespace Refrain.Runs;

/// <summary>
/// Stores the summary of each ended run through the summarizer of its kind: right after the worker ends it, and, through
/// <see cref="CatchUpAsync"/>, for runs ended another way (a cancel, a reclaim) or by a worker that stopped first.
/// </summary>
public sealed class RunSummaries(IEnumerable<IRunSummarizer> summarizers, ILogger<RunSummaries> logger)
{
    /// <summary>How far back <see cref="CatchUpAsync"/> looks for runs without a summary.</summary>
    public static readonly TimeSpan CatchUpWindow = TimeSpan.FromHours(1);

    /// <summary>How long after its end a run is left to the worker that ended it before a catch-up summarises it.</summary>
    public static readonly TimeSpan CatchUpGrace = TimeSpan.FromSeconds(30);

    private const int CatchUpBatch = 100;

    private readonly Dictionary<string, IRunSummarizer> _byKind = summarizers.ToDictionary(s => s.Kind, StringComparer.Ordinal);

    /// <summary>Runs whose summarizer threw here: a catch-up does not retry them every few seconds for an hour.</summary>
    private readonly ConcurrentDictionary<long, bool> _failed = new();

    public async Task SummarizeAsync(RefrainStore store, IReadOnlyList<long> endedRuns, CancellationToken cancellationToken)
    {
        foreach (var runId in endedRuns)
        {
            try
            {
                var run = await store.GetRunAsync(runId, cancellationToken);
                if (run is not null && _byKind.TryGetValue(run.Kind, out var summarizer))
                {
                    await store.SetRunSummaryAsync(runId, await summarizer.SummarizeAsync(store, run, cancellationToken), cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (_failed.Count >= 10_000)
                {
                    _failed.Clear();
                }

                _failed[runId] = true;
                RunsLog.SummaryFailed(logger, runId, ex);
            }
        }
    }

    /// <summary>
    /// Summarises the runs of a known kind that ended within <see cref="CatchUpWindow"/> (but more than
    /// <see cref="CatchUpGrace"/> ago) and still have no summary; returns how many it tried.
    /// </summary>
    public async Task<int> CatchUpAsync(RefrainStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_byKind.Count == 0)
        {
            return 0;
        }

        var missing = (await store.RunsWithoutSummaryAsync(_byKind.Keys, now - CatchUpWindow, now - CatchUpGrace, CatchUpBatch, cancellationToken))
            .Where(id => !_failed.ContainsKey(id)).ToList();
        await SummarizeAsync(store, missing, cancellationToken);
        return missing.Count;
    }
}
