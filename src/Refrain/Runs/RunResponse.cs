using System.Text.Json;
using Refrain.Http;

namespace Refrain.Runs;

/// <summary>A run on the wire: what started it, its state, its jobs counted by outcome, its summary and timings.</summary>
public sealed record RunResponse(
    long Id, long? AccountId, string Kind, string TriggerType, string? RequestedBy, string? ScheduleName, DateTimeOffset? FireTime,
    string State, long? RootJobId, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt, double? DurationSeconds, RunCounts Counts, JsonElement? Summary)
{
    public static RunResponse From(RunRecord r, DateTimeOffset now)
    {
        var created = DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt);
        var ended = r.EndedAt is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : (DateTimeOffset?)null;
        return new RunResponse(
            r.Id, r.AccountId, r.Kind, r.TriggerType, r.RequestedBy, r.ScheduleName,
            r.FireTime is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null, r.State, r.RootJobId, created, ended,
            ((ended ?? now) - created).TotalSeconds,
            new RunCounts(r.Total, r.Pending, r.Succeeded, r.NoData, r.Failed, r.Dead, r.Cancelled),
            r.Summary is null ? null : StoredJson.ToElement(r.Summary));
    }
}
