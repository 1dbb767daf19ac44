namespace Refrain.Jobs;

/// <summary>One claim: up to <see cref="Count"/> due jobs of a pool for a worker.</summary>
/// <param name="Sources">Only these sources; null for any source not in <paramref name="ExcludedSources"/>.</param>
public sealed record ClaimRequest(string WorkerId, int Count, TimeSpan Lease, IReadOnlyList<string>? Sources, IReadOnlyList<string> ExcludedSources)
{
    /// <summary>Providers this node does not run (not configured here): their jobs wait for a node that does.</summary>
    public IReadOnlyList<string> OffProviders { get; init; } = [];
}
