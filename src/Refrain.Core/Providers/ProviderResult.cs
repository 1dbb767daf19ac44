using Refrain.Jobs;

namespace Refrain.Providers;

/// <summary>
/// A provider answer: a value, or the outcome the calling job must return (<see cref="JobOutcome.NoData"/>,
/// <see cref="JobOutcome.Retry"/>, <see cref="JobOutcome.Permanent"/>, <see cref="JobOutcome.Snooze"/>).
/// </summary>
public sealed record ProviderResult<T>(T? Value, JobOutcome? Outcome) where T : class
{
    /// <summary>True when <see cref="Value"/> holds the answer.</summary>
    public bool IsOk => Outcome is null;

    public static ProviderResult<T> Of(T value) => new(value, null);

    public static ProviderResult<T> Stop(JobOutcome outcome) => new(null, outcome);
}
