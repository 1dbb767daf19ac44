using Microsoft.Extensions.Options;
using Refrain.Jobs;

namespace Refrain.Notifications;

/// <summary>Registers notifications: options (validated at start-up), the checker, the sender and the delivery job.</summary>
public static class NotificationServices
{
    public const string Section = "Notifications";
    private const string HttpClientName = "notifications";

    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<NotificationOptions>>().Value);
        // The sender enforces its own time limit per attempt; the client's must not cut in first.
        services.AddHttpClient(HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddSingleton(sp => new NotificationSender(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<NotificationOptions>().Timeout));
        services.AddSingleton<NotificationChecker>();
        services.AddSingleton(sp => new JobHandlerRegistration(DeliveryJob.Source, DeliveryJob.JobType, p => new DeliverNotificationHandler(
            p.GetRequiredService<NotificationOptions>(), p.GetRequiredService<NotificationSender>(), p.GetRequiredService<ILogger<DeliverNotificationHandler>>()))
        {
            // Past the sender's own limit, so a slow channel is classified by the sender rather than cut off by the worker.
            Timeout = sp.GetRequiredService<NotificationOptions>().Timeout + TimeSpan.FromSeconds(30),
        });
        return services;
    }
}
