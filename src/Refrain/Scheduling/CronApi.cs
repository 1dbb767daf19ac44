using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Refrain.Http;
using Refrain.Storage;

namespace Refrain.Scheduling;

/// <summary>
/// <c>POST /api/cron/{schedule}</c>: lets an external scheduler (Render cron, a Kubernetes CronJob, pg_cron) start a
/// schedule's run. It is not API-key authenticated: only <c>Authorization: Bearer &lt;Cron:Secret&gt;</c> is accepted, and
/// with no secret configured every call is refused, so the route is closed by default.
/// </summary>
public static class CronApi
{
    /// <summary>The configuration key of the shared secret.</summary>
    public const string SecretKey = "Cron:Secret";

    private const string LogCategory = "Refrain.Scheduling.CronApi";

    /// <summary>Maps the route on the app itself, outside the API-key group, so API-key authorization does not apply.</summary>
    public static WebApplication MapCronApi(this WebApplication app)
    {
        app.MapPost("/api/cron/{schedule}", TriggerAsync).AllowAnonymous().WithTags("Cron").WithName("CronTriggerSchedule")
            .WithSummary("Start a schedule's run now, for an external scheduler")
            .WithDescription("Authorization: Bearer <Cron:Secret> only (an API key does not authorize it; no secret configured means always 401). "
                + "Addresses the system schedule, or with ?account_id=N that account's. Answers like POST /api/schedules/{name}/trigger.");
        return app;
    }

    internal static async Task<Results<Accepted<TriggeredResponse>, ProblemHttpResult>> TriggerAsync(
        string schedule, HttpContext context, IConfiguration configuration, ScheduleService service, RefrainStore store, ILoggerFactory loggers,
        CancellationToken ct, [FromQuery(Name = "account_id")] long? accountId = null)
    {
        if (Refusal(context.Request.Headers.Authorization, configuration[SecretKey]) is { } reason)
        {
            ApiLog.CronRefused(loggers.CreateLogger(LogCategory), schedule, reason);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(title: "Unauthorized", detail: "this route requires Authorization: Bearer <Cron:Secret>",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        return await SchedulesApi.StartAsync(service, store, accountId, schedule, "cron", ct);
    }

    /// <summary>Why the call is refused (for the log; it never includes what was presented), or null when it carries the secret.</summary>
    internal static string? Refusal(Microsoft.Extensions.Primitives.StringValues authorization, string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return "no Cron:Secret is configured";
        }

        if (authorization.Count != 1 || authorization[0] is not { } header || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "no bearer token";
        }

        // Both sides hashed first so the comparison takes the same time whatever the lengths.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(secret.Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, expected) ? null : "wrong bearer token";
    }
}
