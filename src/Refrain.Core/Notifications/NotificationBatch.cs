namespace Refrain.Notifications;

/// <summary>
/// What one check writes in one transaction: new notifications (with a delivery job per channel), alerts to track, to mark
/// announced or to clear, and the finished-runs cursor. Written together so a crash loses or repeats nothing.
/// </summary>
public sealed class NotificationBatch
{
    public List<NotificationDraft> Notifications { get; } = [];

    /// <summary>Alerts to start tracking (ignored when already tracked).</summary>
    public List<NotificationAlert> Track { get; } = [];

    /// <summary>Alerts announced by this batch.</summary>
    public List<string> Announce { get; } = [];

    /// <summary>Alerts whose condition is over.</summary>
    public List<string> Clear { get; } = [];

    /// <summary>The new position of the finished-runs scan, if it moved.</summary>
    public long? RunCursor { get; set; }

    public bool IsEmpty => Notifications.Count == 0 && Track.Count == 0 && Announce.Count == 0 && Clear.Count == 0 && RunCursor is null;
}
