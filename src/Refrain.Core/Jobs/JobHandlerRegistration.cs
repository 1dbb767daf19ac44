namespace Refrain.Jobs;

/// <summary>A handler bound to its <c>(source, job_type)</c>, the provider it calls and its execution timeout.</summary>
public sealed record JobHandlerRegistration(string Source, string JobType, Func<IServiceProvider, IJobHandler> Factory)
{
    /// <summary>The provider every job of this type calls, if any; claims skip it while the provider is paused.</summary>
    public string? Provider { get; init; }

    /// <summary>
    /// Provider requests one job usually makes (e.g. a re-match: searches plus a track read). A pool named after the provider
    /// claims no more jobs than the requests in sight pay for at this cost, until it has observed the real one. Default 1.
    /// </summary>
    public int RequestsPerJob { get; init; } = 1;

    /// <summary>A hung handler is cancelled after this and retried. Default 5 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
}
