namespace Refrain.Listening.Sync;

/// <summary>Whether a listener can be synced by hand: the same rule the sweep applies (active, with tokens), in words.</summary>
public static class ListenerSyncRequest
{
    /// <summary>Why the listener cannot be synced now, or null when it can.</summary>
    public static string? Refusal(ListenerSyncState state) =>
        !state.Connected ? $"listener {state.Id} is not connected to Spotify: connect it first"
        : state.Status == "reauth_required" ? $"listener {state.Id} must reconnect to Spotify (its refresh token was refused)"
        : state.Status != "active" ? $"listener {state.Id} is {state.Status}, not active"
        : null;
}
