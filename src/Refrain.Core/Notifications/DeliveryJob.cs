using System.Text.Json;
using System.Text.Json.Serialization;
using Refrain.Jobs;

namespace Refrain.Notifications;

/// <summary>The <c>refrain/deliver_notification</c> job: one per notification per channel, keyed so each is delivered once.</summary>
public sealed record DeliveryJob(
    [property: JsonPropertyName("notification_id")] long NotificationId,
    [property: JsonPropertyName("channel")] string Channel)
{
    public const string Source = "refrain";
    public const string JobType = "deliver_notification";

    public static NewJob For(long notificationId, string channel, int maxAttempts) =>
        new(Source, JobType, FormattableString.Invariant($"{notificationId}:{channel}"))
        {
            Args = JsonSerializer.Serialize(new DeliveryJob(notificationId, channel)),
            MaxAttempts = maxAttempts,
        };

    public static DeliveryJob? Parse(string args) => JsonSerializer.Deserialize<DeliveryJob>(args);
}
