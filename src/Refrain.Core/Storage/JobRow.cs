using Refrain.Jobs;

namespace Refrain.Storage;

/// <summary>The jobs table as Dapper reads it (times in Unix milliseconds).</summary>
internal sealed class JobRow
{
    public long Id { get; set; }
    public long? AccountId { get; set; }
    public string Source { get; set; } = "";
    public string JobType { get; set; } = "";
    public string? Subject { get; set; }
    public string? UniqueKey { get; set; }
    public string Args { get; set; } = "{}";
    public string? Provider { get; set; }
    public string State { get; set; } = "";
    public long Priority { get; set; }
    public long Attempts { get; set; }
    public long MaxAttempts { get; set; }
    public long ParseFailures { get; set; }
    public long RunAt { get; set; }
    public long CreatedAt { get; set; }
    public long? StartedAt { get; set; }
    public long? FinishedAt { get; set; }
    public long? LeaseUntil { get; set; }
    public long? LeaseToken { get; set; }
    public string? WorkerId { get; set; }
    public long? RunId { get; set; }
    public string? Reason { get; set; }
    public string? LastError { get; set; }
    public string? Detail { get; set; }

    public JobRecord ToRecord() => new()
    {
        Id = Id, AccountId = AccountId, Source = Source, JobType = JobType, Subject = Subject, UniqueKey = UniqueKey,
        Args = Args, Provider = Provider, State = State, Priority = (int)Priority, Attempts = (int)Attempts,
        MaxAttempts = (int)MaxAttempts, ParseFailures = (int)ParseFailures, RunAt = RefrainStore.FromMs(RunAt),
        CreatedAt = RefrainStore.FromMs(CreatedAt), StartedAt = RefrainStore.FromMs(StartedAt),
        FinishedAt = RefrainStore.FromMs(FinishedAt), LeaseUntil = RefrainStore.FromMs(LeaseUntil), LeaseToken = LeaseToken,
        WorkerId = WorkerId, RunId = RunId, Reason = Reason, LastError = LastError, Detail = Detail,
    };
}
