namespace Refrain.Admin.Overview;

/// <summary>Jobs per source and state as counted at <see cref="CountedAt"/>.</summary>
internal sealed record JobCountsSnapshot(
    DateTimeOffset CountedAt, IReadOnlyList<(string Source, string State, long Count, long Due, long? OldestDueRunAt)> Rows)
{
    public long Total(string state) => Rows.Where(r => r.State == state).Sum(r => r.Count);

    public IReadOnlyList<string> Sources => Rows.Select(r => r.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public long Count(string source, string state) => Rows.Where(r => r.Source == source && r.State == state).Sum(r => r.Count);

    /// <summary>Pending jobs of the source that may run now (the rest wait for a retry time or a snooze to end).</summary>
    public long Due(string source) => Rows.Where(r => r.Source == source).Sum(r => r.Due);

    /// <summary>The <c>run_at</c> of the source's oldest job that may run now, or null when none is due.</summary>
    public DateTimeOffset? OldestDue(string source) =>
        Rows.Where(r => r.Source == source && r.OldestDueRunAt is not null).Select(r => r.OldestDueRunAt).Min() is { } ms
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
