namespace Refrain.Providers;

/// <summary>One provider's limits (configuration <c>Providers:&lt;Name&gt;</c>).</summary>
public sealed class ProviderOptions
{
    /// <summary>Requests allowed in any rolling <see cref="Window"/>, across every worker and node. 0 means unlimited. Default 0.</summary>
    public int RequestsPerWindow { get; set; }

    /// <summary>The rolling window of the rate limit. Default 30 seconds (Spotify's own window).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The pause after a 429 without a usable <c>Retry-After</c>; doubles on repeats up to <see cref="MaxMinimumPause"/>. Default 5 seconds.</summary>
    public TimeSpan MinimumPause { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Ceiling of the growing minimum pause. Default 15 minutes.</summary>
    public TimeSpan MaxMinimumPause { get; set; } = TimeSpan.FromMinutes(15);
}
