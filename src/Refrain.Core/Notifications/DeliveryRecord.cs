namespace Refrain.Notifications;

/// <summary>The delivery of one notification to one channel: <c>pending</c> (retrying), <c>delivered</c> or <c>failed</c>.</summary>
public sealed class DeliveryRecord
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    public long NotificationId { get; set; }
    public string Channel { get; set; } = "";
    public string State { get; set; } = Pending;
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public long? DeliveredAt { get; set; }
    public long UpdatedAt { get; set; }
}
