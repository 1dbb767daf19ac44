using Refrain.Metrics;

namespace Refrain.Http;

/// <summary>
/// <c>/metrics</c> in the Prometheus text format, names prefixed <c>refrain_</c> (rendered by <see cref="PrometheusText"/>).
/// Open by default (scrapers rarely carry keys); with <c>Api:MetricsRequireKey</c> it takes an API key like the API does.
/// </summary>
internal static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        var requireKey = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value.MetricsRequireKey;
        var metricsRoute = app.MapGet("/metrics", async (MetricsSnapshots snapshots, EngineMetrics metrics, TimeProvider time, CancellationToken ct) =>
        {
            var text = await PrometheusText.RenderAsync(snapshots, metrics, time, ct);
            return Results.Text(text, "text/plain; version=0.0.4; charset=utf-8");
        }).WithName("Metrics").WithSummary("Prometheus metrics").WithTags("Health").Produces<string>(StatusCodes.Status200OK, "text/plain");
        if (requireKey)
        {
            metricsRoute.RequireAuthorization();
        }
        else
        {
            metricsRoute.AllowAnonymous();
        }

        return app;
    }
}
