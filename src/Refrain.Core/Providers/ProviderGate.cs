using System.Runtime.CompilerServices;
using Refrain.Storage;

namespace Refrain.Providers;

/// <summary>
/// The one gate per provider: its persisted pause (<c>rate</c>, <c>quota</c>, <c>manual</c>) and its rate limit, shared by all
/// workers through the store (and, on PostgreSQL, by all nodes).
/// </summary>
public sealed class ProviderGate(RefrainStore store, IReadOnlyDictionary<string, ProviderOptions> providers, TimeProvider time)
{
    private readonly Dictionary<string, string> _off = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, StrongBox<long>> _granted = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ProviderOptions> Providers { get; } = providers;

    /// <summary>Providers this node does not run, with the reason (e.g. a required setting is missing).</summary>
    public IReadOnlyDictionary<string, string> Off => _off;

    /// <summary>Marks a provider as not started on this node: workers leave its jobs for a node that runs it.</summary>
    public void TurnOff(string provider, string reason) => _off[provider] = reason;

    public ProviderOptions OptionsFor(string provider) =>
        Providers.TryGetValue(provider, out var options) ? options : new ProviderOptions();

    /// <summary>Checked before every request: granted, or when to try again (the pause's end or the window's next slot).</summary>
    public async Task<RateDecision> TryAcquireAsync(string provider, CancellationToken cancellationToken)
    {
        var pause = await store.GetProviderPauseAsync(provider, cancellationToken);
        if (pause is not null && pause.IsPausedAt(time.GetUtcNow()))
        {
            return new RateDecision(false, pause.PausedUntil);
        }

        var options = OptionsFor(provider);
        var decision = options.RequestsPerWindow <= 0
            ? new RateDecision(true, null)
            : await store.TryAcquireRequestAsync(provider, options.RequestsPerWindow, options.GuardedWindow, cancellationToken);
        if (decision.Granted)
        {
            Interlocked.Increment(ref _granted.GetOrAdd(provider, _ => new StrongBox<long>()).Value);
        }

        return decision;
    }

    /// <summary>Requests this process has been granted for the provider since it started (workers estimate requests per job).</summary>
    public long Granted(string provider) => _granted.TryGetValue(provider, out var box) ? Interlocked.Read(ref box.Value) : 0;

    /// <summary>Requests the provider could still make now: 0 while paused, <see cref="int.MaxValue"/> when it has no limit.</summary>
    public async Task<int> AvailableAsync(string provider, CancellationToken cancellationToken)
    {
        var pause = await store.GetProviderPauseAsync(provider, cancellationToken);
        if (pause is not null && pause.IsPausedAt(time.GetUtcNow()))
        {
            return 0;
        }

        var options = OptionsFor(provider);
        if (options.RequestsPerWindow <= 0)
        {
            return int.MaxValue;
        }

        var used = await store.CountRequestsInWindowAsync(provider, options.GuardedWindow, cancellationToken);
        return Math.Max(0, options.RequestsPerWindow - used);
    }

    /// <summary>
    /// Pauses the provider after a 429: until <c>Retry-After</c> when it is positive, else a minimum pause that doubles
    /// while 429s repeat. A longer pause already stored is kept. Returns the pause's end.
    /// </summary>
    public async Task<DateTimeOffset> PauseAfterTooManyRequestsAsync(string provider, TimeSpan? retryAfter, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        TimeSpan delay;
        if (retryAfter is { } given && given > TimeSpan.Zero)
        {
            delay = given;
        }
        else
        {
            var options = OptionsFor(provider);
            var previous = await store.GetProviderPauseAsync(provider, cancellationToken);
            var repeats = previous is { PausedUntil: { } until } && now - until < options.MaxMinimumPause ? previous.PauseCount : 0;
            var grown = options.MinimumPause.TotalSeconds * Math.Pow(2, Math.Min(repeats, 20));
            delay = TimeSpan.FromSeconds(Math.Min(grown, options.MaxMinimumPause.TotalSeconds));
        }

        var end = now + delay;
        await store.PauseProviderAsync(provider, end, reason, extendOnly: true, cancellationToken);
        return end;
    }

    public Task PauseAsync(string provider, DateTimeOffset until, CancellationToken cancellationToken) =>
        store.PauseProviderAsync(provider, until, PauseReason.Manual, extendOnly: false, cancellationToken);

    public Task ResumeAsync(string provider, CancellationToken cancellationToken) =>
        store.ResumeProviderAsync(provider, cancellationToken);
}
