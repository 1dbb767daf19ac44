namespace Refrain.Notifications;

/// <summary>
/// A notification about to be stored. <paramref name="EventKey"/> names the event (<c>run:42</c>,
/// <c>stale:7:1764000000000</c>) so that capturing it twice stores it once.
/// </summary>
public sealed record NotificationDraft(
    string EventKey, string Kind, long? AccountId, long? RunId, string? ScheduleName, string Subject, string Text, string Payload);
