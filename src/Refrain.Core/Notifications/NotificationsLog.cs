using Microsoft.Extensions.Logging;

namespace Refrain.Notifications;

/// <summary>Notification log messages, event ids 7xxx. Never a URL, secret or password: a Slack URL is a credential.</summary>
internal static partial class NotificationsLog
{
    [LoggerMessage(7001, LogLevel.Information, "Stored {Count} notification(s) for {Channels} channel(s)")]
    public static partial void Stored(ILogger logger, int count, int channels);

    [LoggerMessage(7002, LogLevel.Warning, "Notification check failed; the next check retries")]
    public static partial void CheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(7003, LogLevel.Information, "Delivered notification {NotificationId} to channel {Channel}")]
    public static partial void Delivered(ILogger logger, long notificationId, string channel);

    [LoggerMessage(7004, LogLevel.Warning, "Delivery of notification {NotificationId} to channel {Channel} failed (attempt {Attempt}): {Error}")]
    public static partial void DeliveryFailed(ILogger logger, long notificationId, string channel, int attempt, string error);

    [LoggerMessage(7005, LogLevel.Warning, "Marked {Count} delivery(ies) failed whose job ended without recording an outcome")]
    public static partial void StrandedDeliveries(ILogger logger, int count);
}
