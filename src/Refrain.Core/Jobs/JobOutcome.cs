namespace Refrain.Jobs;

/// <summary>What a handler returns. A handler never sleeps: every delay is a stored <c>run_at</c>.</summary>
public abstract record JobOutcome
{
    private JobOutcome()
    {
    }

    /// <summary>Done.</summary>
    public sealed record Succeeded(string? Detail = null) : JobOutcome;

    /// <summary>Terminal and not an error: the provider had nothing (HTTP 404).</summary>
    public sealed record NoData(string Reason) : JobOutcome;

    /// <summary>Transient failure: run again at now + <paramref name="After"/> or the backoff.</summary>
    /// <param name="Unparseable">A 2xx whose body did not parse; at most three such attempts, then permanent.</param>
    public sealed record Retry(string Error, TimeSpan? After = null, bool Unparseable = false) : JobOutcome;

    /// <summary>Terminal failure.</summary>
    public sealed record Permanent(string Error) : JobOutcome;

    /// <summary>Not now, and no attempt used (429, paused provider, spent quota).</summary>
    public sealed record Snooze(DateTimeOffset Until, string Reason) : JobOutcome;

    public static JobOutcome Success(string? detail = null) => new Succeeded(detail);
}
