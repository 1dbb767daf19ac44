namespace Refrain.Providers;

/// <summary>One provider's limits (configuration <c>Providers:&lt;Name&gt;</c>).</summary>
public sealed class ProviderOptions
{
    /// <summary>Requests allowed in any rolling <see cref="Window"/>, across every worker and node. 0 means unlimited. Default 0.</summary>
    public int RequestsPerWindow { get; set; }

    /// <summary>The rolling window of the rate limit. Default 30 seconds (Spotify's own window).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Added to <see cref="Window"/> when counting our own requests: it absorbs the time between the gate's grant and the
    /// provider's receipt, so jitter in that delay cannot put one request too many in the provider's window. Default 1 second.
    /// </summary>
    public TimeSpan Margin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The window the gate counts in: <see cref="Window"/> plus <see cref="Margin"/>.</summary>
    public TimeSpan GuardedWindow => Window + Margin;

    /// <summary>The pause after a 429 without a usable <c>Retry-After</c>; doubles on repeats up to <see cref="MaxMinimumPause"/>. Default 5 seconds.</summary>
    public TimeSpan MinimumPause { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Ceiling of the growing minimum pause. Default 15 minutes.</summary>
    public TimeSpan MaxMinimumPause { get; set; } = TimeSpan.FromMinutes(15);
}
