namespace Refrain.Notifications;

/// <summary>A condition being tracked (a stale schedule, a provider pause): since when, and whether it was announced.</summary>
public sealed record NotificationAlert(string Key, long SinceAt, long? AnnouncedAt);
