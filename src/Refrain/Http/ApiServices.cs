using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Refrain.Accounts;

namespace Refrain.Http;

/// <summary>
/// The HTTP API's plumbing (DESIGN §8): snake_case JSON that rejects unknown members, problem details for every error,
/// API-key authentication, a per-key rate limit, body size limits and the OpenAPI document.
/// </summary>
public static class ApiServices
{
    public const string RateLimitPolicy = "per-key";

    public static IServiceCollection AddRefrainApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section))
            .Validate(o => o.Validate().Count == 0, "invalid Api settings").ValidateOnStart();
        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddSingleton<ApiKeyUse>();
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(RateLimitPolicy, context =>
            {
                var limit = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RequestsPerMinute;
                var key = context.User.FindFirstValue(Caller.KeyClaim) ?? "anonymous";
                return limit <= 0
                    ? RateLimitPartition.GetNoLimiter(key)
                    : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
                    });
            });
            o.OnRejected = async (rejected, ct) =>
            {
                var context = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
                context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var keyId = context.User.FindFirstValue(Caller.KeyClaim) ?? "none";
                var logger = context.RequestServices.GetRequiredService<ILogger<ApiOptions>>();
                ApiLog.RateLimited(logger, keyId);
                await Results.Problem(title: "Too many requests", detail: $"this API key's rate limit is reached; retry after {retryAfter} s",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
            };
        });
        services.AddRefrainOpenApi();
        return services;
    }

    /// <summary>The wire format: snake_case, enums as snake_case strings, numbers as numbers (never strings), unknown members and missing required ones refused.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }

    /// <summary>Errors as problem details, then authentication and the rate limit; call before mapping endpoints.</summary>
    public static WebApplication UseRefrainApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use((context, next) =>
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxBodyBytes;
            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }

            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The <c>/api</c> group: every route requires an API key and counts against the key's rate limit.</summary>
    public static RouteGroupBuilder MapApiGroup(this WebApplication app) =>
        app.MapGroup("/api").RequireAuthorization().RequireRateLimiting(RateLimitPolicy);
}
