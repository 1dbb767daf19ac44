using Refrain.Storage;

namespace Refrain.Http;

/// <summary><c>/health</c>: 200 when the database answers, 503 otherwise.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (RefrainStore store, CancellationToken ct) =>
        {
            var ok = await store.PingAsync(ct);
            return Results.Json(new { status = ok ? "ok" : "unavailable", database = store.Dialect }, statusCode: ok ? 200 : 503);
        }).WithName("Health").WithSummary("Liveness and database readiness");
        return app;
    }
}
