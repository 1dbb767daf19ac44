namespace Refrain.Metrics;

/// <summary>
/// How far behind the syncs of active connected listeners are: their count and the oldest and mean instant (Unix ms) of each
/// one's last sync (its connection when it never synced). Null instants when there is no such listener.
/// </summary>
public sealed record ListenerSyncLag(long Connected, long? OldestSyncAt, double? MeanSyncAt);
