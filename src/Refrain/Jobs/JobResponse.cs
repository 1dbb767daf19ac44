using System.Text.Json;
using Refrain.Http;

namespace Refrain.Jobs;

/// <summary>A job on the wire: its identity, state, attempts, timings, outcome and run.</summary>
public sealed record JobResponse(
    long Id, long? AccountId, string Source, string JobType, string? Subject, string State, JsonElement Args, string? Provider,
    int Priority, int Attempts, int MaxAttempts, DateTimeOffset RunAt, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, long? RunId, string? Reason, string? LastError, string? Detail)
{
    public static JobResponse From(JobRecord j) => new(
        j.Id, j.AccountId, j.Source, j.JobType, j.Subject, j.State, StoredJson.ToElement(j.Args), j.Provider, j.Priority, j.Attempts, j.MaxAttempts,
        j.RunAt, j.CreatedAt, j.StartedAt, j.FinishedAt, j.RunId, j.Reason, j.LastError, j.Detail);
}
