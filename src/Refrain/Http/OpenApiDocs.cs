using Microsoft.OpenApi;
using Refrain.Accounts;

namespace Refrain.Http;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and a browsable UI at <c>/api/docs</c>.</summary>
public static class OpenApiDocs
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddRefrainOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o => o.AddOperationTransformer((operation, context, _) =>
        {
            // Routes that take no API key say so: the health and metrics routes need none (unless configured), the Spotify
            // connect callback is trusted through its signed state, the billing webhook through its Stripe signature, and the
            // cron route takes the cron secret as its bearer token instead of a key.
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
            {
                operation.Security = context.Description.RelativePath?.StartsWith("api/cron/", StringComparison.Ordinal) == true
                    ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("cron_secret", context.Document)] = [] }]
                    : [];
            }

            return Task.CompletedTask;
        }).AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Refrain",
                Version = "v1",
                Description = "Keeps a music catalog's streaming-platform data fresh: jobs, schedules, runs, sweeps, catalogs, reviews and providers. "
                    + "Authenticate with an API key in x-api-key or Authorization: Bearer (exactly one).",
            };
            document.Servers = [];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                ["api_key"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyAuthentication.HeaderName, Description = "rfn_<id>_<secret>" },
                ["bearer"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "The API key as a bearer token" },
                ["cron_secret"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "Cron:Secret, for POST /api/cron/{schedule} only" },
            };
            document.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("api_key", document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] },
            ];
            return Task.CompletedTask;
        }));

    public static WebApplication MapOpenApiDocs(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api/docs";
            o.SwaggerEndpoint(DocumentPath, "Refrain v1");
            o.DocumentTitle = "Refrain API";
        });
        return app;
    }
}
