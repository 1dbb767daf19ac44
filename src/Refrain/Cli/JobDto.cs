using System.Globalization;
using Refrain.Jobs;

namespace Refrain.Cli;

/// <summary>A job as the CLI prints it.</summary>
internal sealed record JobDto(
    long Id, long? AccountId, string Source, string JobType, string? Subject, string State, string Args, string? Provider,
    int Priority, int Attempts, int MaxAttempts, DateTimeOffset RunAt, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, long? RunId, string? Reason, string? LastError, string? Detail, string? UniqueKey)
{
    public static JobDto From(JobRecord j) => new(
        j.Id, j.AccountId, j.Source, j.JobType, j.Subject, j.State, j.Args, j.Provider, j.Priority, j.Attempts, j.MaxAttempts,
        j.RunAt, j.CreatedAt, j.StartedAt, j.FinishedAt, j.RunId, j.Reason, j.LastError, j.Detail, j.UniqueKey);

    public static IEnumerable<(string, string?)> Lines(JobRecord j) =>
    [
        ("id", j.Id.ToString(CultureInfo.InvariantCulture)), ("job", $"{j.Source}/{j.JobType}"), ("subject", j.Subject),
        ("state", j.State), ("attempts", $"{j.Attempts}/{j.MaxAttempts}"), ("priority", j.Priority.ToString(CultureInfo.InvariantCulture)),
        ("provider", j.Provider), ("args", j.Args), ("run_at", Output.Time(j.RunAt)), ("created_at", Output.Time(j.CreatedAt)),
        ("started_at", Output.Time(j.StartedAt)), ("finished_at", Output.Time(j.FinishedAt)),
        ("run", j.RunId?.ToString(CultureInfo.InvariantCulture)), ("reason", j.Reason), ("last_error", j.LastError), ("detail", j.Detail),
        ("unique_key", j.UniqueKey),
    ];
}
