namespace Refrain.Jobs;

/// <summary>A job to enqueue. The unique key defaults to <c>source:job_type:subject</c>.</summary>
public sealed record NewJob(string Source, string JobType, string? Subject = null)
{
    public string Args { get; init; } = "{}";
    public long? AccountId { get; init; }
    public string? Provider { get; init; }
    public int Priority { get; init; }
    public int MaxAttempts { get; init; } = 10;
    public DateTimeOffset? RunAt { get; init; }
    public long? RunId { get; init; }

    /// <summary>Null means the default key; <see cref="string.Empty"/> means no uniqueness.</summary>
    public string? UniqueKey { get; init; }

    public string? EffectiveUniqueKey => UniqueKey switch
    {
        null => $"{Source}:{JobType}:{Subject}",
        "" => null,
        _ => UniqueKey,
    };
}
