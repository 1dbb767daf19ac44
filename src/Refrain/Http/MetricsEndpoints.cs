using System.Globalization;
using System.Text;
using Refrain.Metrics;
using Refrain.Storage;

namespace Refrain.Http;

/// <summary>
/// <c>/metrics</c> in the Prometheus text format, names prefixed <c>refrain_</c>. Open by default (scrapers rarely carry keys);
/// with <c>Api:MetricsRequireKey</c> it takes an API key like the API does.
/// </summary>
internal static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        var requireKey = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value.MetricsRequireKey;
        var metricsRoute = app.MapGet("/metrics", async (RefrainStore store, EngineMetrics metrics, TimeProvider time, CancellationToken ct) =>
        {
            var text = await PrometheusText.RenderAsync(store, metrics, time, ct);
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

/// <summary>Renders the engine's series.</summary>
internal static class PrometheusText
{
    public static async Task<string> RenderAsync(RefrainStore store, EngineMetrics metrics, TimeProvider time, CancellationToken ct)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# HELP refrain_jobs Jobs in the queue by source, job type and state.");
        sb.AppendLine("# TYPE refrain_jobs gauge");
        foreach (var (source, jobType, state, count) in await store.CountJobsAsync(ct))
        {
            sb.Append(CultureInfo.InvariantCulture, $"refrain_jobs{{source=\"{Escape(source)}\",job_type=\"{Escape(jobType)}\",state=\"{state}\"}} {count}\n");
        }

        sb.AppendLine("# HELP refrain_job_outcomes_total Completions committed by this node by source, job type and resulting state.");
        sb.AppendLine("# TYPE refrain_job_outcomes_total counter");
        foreach (var ((source, jobType, state), count) in metrics.Outcomes.OrderBy(o => o.Key))
        {
            sb.Append(CultureInfo.InvariantCulture, $"refrain_job_outcomes_total{{source=\"{Escape(source)}\",job_type=\"{Escape(jobType)}\",state=\"{state}\"}} {count}\n");
        }

        sb.AppendLine("# HELP refrain_job_claims_total Jobs claimed by this node.");
        sb.AppendLine("# TYPE refrain_job_claims_total counter");
        sb.Append(CultureInfo.InvariantCulture, $"refrain_job_claims_total {metrics.Claims}\n");

        sb.AppendLine("# HELP refrain_runs_total Runs by kind and state.");
        sb.AppendLine("# TYPE refrain_runs_total counter");
        foreach (var (kind, state, count) in await store.CountRunsAsync(ct))
        {
            sb.Append(CultureInfo.InvariantCulture, $"refrain_runs_total{{kind=\"{Escape(kind)}\",state=\"{state}\"}} {count}\n");
        }

        sb.AppendLine("# HELP refrain_provider_paused 1 while the provider is paused, by provider and reason.");
        sb.AppendLine("# TYPE refrain_provider_paused gauge");
        var now = time.GetUtcNow();
        foreach (var p in await store.ListProviderPausesAsync(ct))
        {
            sb.Append(CultureInfo.InvariantCulture, $"refrain_provider_paused{{provider=\"{Escape(p.Name)}\",reason=\"{Escape(p.Reason ?? "")}\"}} {(p.IsPausedAt(now) ? 1 : 0)}\n");
        }

        return sb.ToString();
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
