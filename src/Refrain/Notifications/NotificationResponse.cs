using System.Text.Json;
using Refrain.Http;

namespace Refrain.Notifications;

/// <summary>A notification on the wire: what it announced (subject, text, the webhook payload) and its delivery per channel.</summary>
public sealed record NotificationResponse(
    long Id, string Kind, long? AccountId, long? RunId, string? ScheduleName, string Subject, string Text, JsonElement Payload,
    DateTimeOffset CreatedAt, IReadOnlyList<DeliveryResponse> Deliveries)
{
    public static NotificationResponse From(NotificationRecord n, IEnumerable<DeliveryRecord> deliveries) => new(
        n.Id, n.Kind, n.AccountId, n.RunId, n.ScheduleName, n.Subject, n.Text, StoredJson.ToElement(n.Payload),
        DateTimeOffset.FromUnixTimeMilliseconds(n.CreatedAt), deliveries.Select(DeliveryResponse.From).ToList());

    /// <summary>Notifications with their deliveries, read in two queries.</summary>
    public static async Task<IReadOnlyList<NotificationResponse>> WithDeliveriesAsync(
        Storage.RefrainStore store, IReadOnlyList<NotificationRecord> rows, CancellationToken cancellationToken)
    {
        var deliveries = (await store.DeliveriesOfAsync(rows.Select(r => r.Id).ToList(), cancellationToken)).ToLookup(d => d.NotificationId);
        return rows.Select(r => From(r, deliveries[r.Id])).ToList();
    }
}
