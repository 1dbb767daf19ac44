using Refrain.Jobs;
using Refrain.Storage;

namespace Refrain.Providers;

/// <summary>
/// How a client call reaches the provider gate. Inside a job (<see cref="ForJob"/>) every request first asks
/// <see cref="JobContext.AcquireRequestAsync"/> and every non-2xx goes through <see cref="JobContext.ClassifyAsync"/>, so a
/// 429 pauses the provider and snoozes the job. Outside a job (<see cref="Direct"/>: the CLI, an API request) the same
/// gate and classification apply, and a non-OK answer becomes a <see cref="ProviderException"/> with a one-line message.
/// </summary>
public sealed class ProviderCall
{
    private readonly JobContext _context;

    private ProviderCall(JobContext context, bool direct)
    {
        _context = context;
        IsDirect = direct;
    }

    /// <summary>The provider whose gate the requests pass (the job's declared provider); null when the job declares none.</summary>
    public string? Provider => _context.Job.Provider;

    /// <summary>The job making the call (what a paid call's ledger row names); null outside a job.</summary>
    public long? JobId => IsDirect ? null : _context.Job.Id;

    /// <summary>True outside a job: non-OK answers throw <see cref="ProviderException"/>.</summary>
    public bool IsDirect { get; }

    public RefrainStore Store => _context.Store;

    public TimeProvider Time => _context.Time;

    public static ProviderCall ForJob(JobContext context) => new(context, direct: false);

    public static ProviderCall Direct(ProviderGate gate, RefrainStore store, TimeProvider time, string provider)
    {
        // A stand-in job that declares the provider: the gate, the pause on 429 and the classification are the engine's own.
        var job = new JobRecord { Source = "direct", JobType = "call", State = JobState.Running, Provider = provider };
        return new ProviderCall(new JobContext(job, NoServices.Instance, store, gate, time), direct: true);
    }

    /// <summary>Requests this call was granted: what a job reports it spent (a run summary's calls).</summary>
    public int Requests { get; private set; }

    /// <summary>Before every request: null to go ahead, else the snooze (provider paused or no token left in the window).</summary>
    public async Task<JobOutcome?> AcquireAsync(CancellationToken cancellationToken)
    {
        var wait = await _context.AcquireRequestAsync(cancellationToken);
        if (wait is null)
        {
            Requests++;
        }

        return wait;
    }

    /// <summary>For every response: null for a 2xx, else the outcome (a 429 pauses the provider).</summary>
    public Task<JobOutcome?> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken, bool overloadedMeansTooMany = false) =>
        _context.ClassifyAsync(response, cancellationToken, overloadedMeansTooMany);

    /// <summary>A request that threw: timeouts, connection failures and unparseable bodies are transient; the caller's own cancellation propagates.</summary>
    public JobOutcome Failed(Exception exception, CancellationToken cancellationToken) => HttpOutcomes.FromException(exception, cancellationToken);

    /// <summary>The value as an answer.</summary>
    public ProviderResult<T> Of<T>(T value) where T : class => ProviderResult<T>.Of(value);

    /// <summary>Inside a job, the outcome as an answer; outside one, a <see cref="ProviderException"/> about <paramref name="what"/>.</summary>
    public ProviderResult<T> Stop<T>(JobOutcome outcome, string what) where T : class =>
        IsDirect ? throw new ProviderException(Provider ?? "provider", what, outcome) : ProviderResult<T>.Stop(outcome);

    /// <summary>Adds the provider's own explanation of an error (its body's message) to the outcome's text.</summary>
    internal static JobOutcome Explain(JobOutcome? outcome, string? message) => (outcome, message) switch
    {
        (null, _) => new JobOutcome.Retry("HTTP answer without a status"),
        (_, null) => outcome,
        (JobOutcome.NoData n, _) => n with { Reason = $"{n.Reason}: {message}" },
        (JobOutcome.Retry r, _) => r with { Error = $"{r.Error}: {message}" },
        (JobOutcome.Permanent p, _) => p with { Error = $"{p.Error}: {message}" },
        _ => outcome,
    };

    private sealed class NoServices : IServiceProvider
    {
        public static readonly NoServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
