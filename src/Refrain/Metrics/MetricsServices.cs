using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Refrain.Metrics;

/// <summary>Registers what <c>/metrics</c> reports: the engine's counters, the cached database snapshot, and provider request counting.</summary>
public static class MetricsServices
{
    /// <summary>
    /// Adds <see cref="EngineMetrics"/>, the snapshot cache of <c>/metrics</c>, and a <see cref="ProviderRequestCounter"/> as the
    /// outermost handler of every provider's named HTTP client, so every provider answer is counted.
    /// </summary>
    public static IServiceCollection AddEngineMetrics(this IServiceCollection services)
    {
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton<MetricsSnapshots>();
        services.AddSingleton<IConfigureOptions<HttpClientFactoryOptions>, ProviderRequestCounting>();
        return services;
    }
}
