namespace Refrain.Notifications;

/// <summary>A stored notification: what was announced, to whom it belongs (account; null = system), and when.</summary>
public sealed class NotificationRecord
{
    public long Id { get; set; }
    public string EventKey { get; set; } = "";
    public string Kind { get; set; } = "";
    public long? AccountId { get; set; }
    public long? RunId { get; set; }
    public string? ScheduleName { get; set; }
    public string Subject { get; set; } = "";
    public string Text { get; set; } = "";
    public string Payload { get; set; } = "{}";
    public long CreatedAt { get; set; }
}
