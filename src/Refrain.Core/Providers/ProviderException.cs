using Refrain.Jobs;

namespace Refrain.Providers;

/// <summary>
/// A provider call made outside a job (the CLI, an API request) that did not get its answer. The message is one line for a
/// user and never contains a token or secret; <see cref="Outcome"/> is what a job would have returned.
/// </summary>
public sealed class ProviderException : Exception
{
    public ProviderException(string provider, string what, JobOutcome outcome)
        : base(Describe(provider, what, outcome))
    {
        Provider = provider;
        Outcome = outcome;
    }

    public string Provider { get; }

    public JobOutcome Outcome { get; }

    private static string Describe(string provider, string what, JobOutcome outcome)
    {
        var detail = outcome switch
        {
            JobOutcome.NoData n => n.Reason,
            JobOutcome.Retry r => $"{r.Error}; try again later",
            JobOutcome.Permanent p => p.Error,
            JobOutcome.Snooze s => $"{provider} is {(s.Reason == PauseReason.Rate ? "rate limited" : $"paused ({s.Reason})")} until {s.Until.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z",
            _ => outcome.ToString(),
        };
        return $"{provider}: {what}: {detail}".ReplaceLineEndings(" ");
    }
}
