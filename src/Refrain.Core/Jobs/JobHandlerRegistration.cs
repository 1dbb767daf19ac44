namespace Refrain.Jobs;

/// <summary>A handler bound to its <c>(source, job_type)</c>, the provider it calls and its execution timeout.</summary>
public sealed record JobHandlerRegistration(string Source, string JobType, Func<IServiceProvider, IJobHandler> Factory)
{
    /// <summary>The provider every job of this type calls, if any; claims skip it while the provider is paused.</summary>
    public string? Provider { get; init; }

    /// <summary>A hung handler is cancelled after this and retried. Default 5 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
}
