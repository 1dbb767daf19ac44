using Refrain.Storage;

namespace Refrain.Http;

/// <summary>
/// <c>/health</c> and <c>/health/ready</c>: 200 when the database answers, 503 otherwise; <c>/health/live</c>: 200 while the
/// process serves requests (for orchestrators that restart a hung node but should not restart one whose database is down).
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", ReadyAsync).WithName("Health").WithSummary("Liveness and database readiness")
            .Produces<HealthResponse>().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable).WithTags("Health").AllowAnonymous();
        app.MapGet("/health/ready", ReadyAsync).WithName("HealthReady").WithSummary("Ready: the database answers")
            .Produces<HealthResponse>().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable).WithTags("Health").AllowAnonymous();
        app.MapGet("/health/live", () => TypedResults.Ok(new HealthResponse("ok", null))).WithName("HealthLive")
            .WithSummary("Live: the process serves requests").WithTags("Health").AllowAnonymous();
        return app;
    }

    private static async Task<IResult> ReadyAsync(RefrainStore store, CancellationToken ct)
    {
        var ok = await store.PingAsync(ct);
        return TypedResults.Json(new HealthResponse(ok ? "ok" : "unavailable", store.Dialect), statusCode: ok ? 200 : 503);
    }
}
