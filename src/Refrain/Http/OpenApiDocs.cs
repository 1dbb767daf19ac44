using Microsoft.OpenApi;
using Refrain.Accounts;

namespace Refrain.Http;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and a browsable UI at <c>/api/docs</c>.</summary>
public static class OpenApiDocs
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddRefrainOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
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
