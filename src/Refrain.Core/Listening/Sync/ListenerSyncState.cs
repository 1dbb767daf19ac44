namespace Refrain.Listening.Sync;

/// <summary>What a sync needs to know about a listener before it calls Spotify: its status, whether it holds tokens, its cursor.</summary>
public sealed record ListenerSyncState(long Id, long AccountId, string Status, bool Connected, long? SyncCursor);
