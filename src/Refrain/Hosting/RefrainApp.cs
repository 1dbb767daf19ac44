using Refrain.Admin;
using Refrain.Billing;
using Refrain.Catalog;
using Refrain.Http;
using Refrain.Jobs;
using Refrain.Listening;
using Refrain.Listening.Connect;
using Refrain.Measurements;
using Refrain.Providers;
using Refrain.Rematch;
using Refrain.Runs;
using Refrain.Scheduling;

namespace Refrain.Hosting;

/// <summary>
/// The web node, one place for <c>serve</c> and the tests: the engine, the HTTP API and its documents. Reads like a table
/// of contents; each <c>MapXxxApi</c> is defined next to its capability.
/// </summary>
public static class RefrainApp
{
    /// <param name="urls">Addresses to listen on (tests pass <c>http://127.0.0.1:0</c>).</param>
    /// <param name="database">A connection string that overrides configuration, or null.</param>
    /// <param name="runEngine">Whether this node runs workers and the scheduler (tests of the API alone leave them off).</param>
    /// <param name="configure">Adds configuration or logging before services are registered (tests).</param>
    public static WebApplication Build(string urls, string? database, bool runEngine = true, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory(), Args = [] });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.UseUrls(urls);
        configure?.Invoke(builder);
        builder.Services.AddJobEngine(builder.Configuration, database);
        if (runEngine)
        {
            builder.Services.AddHostedService<EngineHostedService>();
            builder.Services.AddHostedService<Notifications.NotificationLoop>();
        }

        builder.Services.AddRefrainApi(builder.Configuration);
        builder.Services.AddBilling(builder.Configuration);
        builder.Services.AddRefrainAdmin();

        var app = builder.Build();
        app.UseRefrainApi();
        app.MapHealth();
        app.MapMetrics();
        app.MapOpenApiDocs();
        app.MapCronApi();
        app.MapBillingWebhook();
        app.MapSpotifyConnect();
        app.MapRefrainAdmin();
        var api = app.MapApiGroup();
        MapResources(api);
        return app;
    }

    private static void MapResources(RouteGroupBuilder api)
    {
        api.MapJobsApi();
        api.MapCatalogsApi();
        api.MapReviewsApi();
        api.MapSweepsApi();
        api.MapRunsApi();
        api.MapProvidersApi();
        api.MapQuotaApi();
        api.MapSchedulesApi();
        api.MapListenersApi();
        api.MapListenerConnectApi();
        api.MapMeasurementJobsApi();
        api.MapMeasurementsApi();
        api.MapSnapshotScheduleApi();
        Notifications.NotificationsApi.MapNotificationsApi(api);
    }
}
