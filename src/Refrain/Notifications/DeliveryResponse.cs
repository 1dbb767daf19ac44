namespace Refrain.Notifications;

/// <summary>One channel's delivery of a notification: <c>pending</c> (retrying), <c>delivered</c> or <c>failed</c>.</summary>
public sealed record DeliveryResponse(string Channel, string State, int Attempts, string? LastError, DateTimeOffset? DeliveredAt, DateTimeOffset UpdatedAt)
{
    public static DeliveryResponse From(DeliveryRecord d) => new(
        d.Channel, d.State, d.Attempts, d.LastError,
        d.DeliveredAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null, DateTimeOffset.FromUnixTimeMilliseconds(d.UpdatedAt));
}
