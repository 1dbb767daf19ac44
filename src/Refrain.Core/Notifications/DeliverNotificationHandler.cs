using Microsoft.Extensions.Logging;
using Refrain.Jobs;

namespace Refrain.Notifications;

/// <summary>
/// <c>refrain/deliver_notification</c>: sends one stored notification to one channel and records the attempt on its
/// delivery row. Transient failures retry with the engine's backoff; after the last attempt the delivery is recorded
/// <c>failed</c> (the job is dead). It never touches the run the notification is about.
/// </summary>
public sealed class DeliverNotificationHandler(NotificationOptions options, NotificationSender sender, ILogger<DeliverNotificationHandler> logger) : IJobHandler
{
    public async Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        if (DeliveryJob.Parse(context.Job.Args) is not { } job)
        {
            return new JobOutcome.Permanent("args must name notification_id and channel");
        }

        var attempt = context.Job.Attempts;
        if (await context.Store.GetNotificationAsync(job.NotificationId, cancellationToken) is not { } notification)
        {
            return new JobOutcome.Permanent($"notification {job.NotificationId} no longer exists");
        }

        if (options.Channels.FirstOrDefault(c => string.Equals(c.Name, job.Channel, StringComparison.OrdinalIgnoreCase)) is not { } channel)
        {
            const string gone = "the channel is no longer configured";
            await context.Store.RecordDeliveryAsync(job.NotificationId, job.Channel, DeliveryRecord.Failed, attempt, gone, cancellationToken);
            return new JobOutcome.Permanent(gone);
        }

        var outcome = await sender.SendAsync(channel, notification, cancellationToken);
        var (state, error) = outcome switch
        {
            JobOutcome.Succeeded => (DeliveryRecord.Delivered, (string?)null),
            JobOutcome.Retry r when attempt < context.Job.MaxAttempts => (DeliveryRecord.Pending, r.Error),
            JobOutcome.Retry r => (DeliveryRecord.Failed, $"{r.Error} (after {attempt} attempts)"),
            JobOutcome.Permanent p => (DeliveryRecord.Failed, p.Error),
            _ => (DeliveryRecord.Pending, null),
        };
        await context.Store.RecordDeliveryAsync(job.NotificationId, job.Channel, state, attempt, error, cancellationToken);
        if (state == DeliveryRecord.Delivered)
        {
            NotificationsLog.Delivered(logger, job.NotificationId, channel.Name);
        }
        else
        {
            NotificationsLog.DeliveryFailed(logger, job.NotificationId, channel.Name, attempt, error ?? "");
        }

        return outcome;
    }
}
