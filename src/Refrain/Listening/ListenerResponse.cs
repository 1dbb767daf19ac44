namespace Refrain.Listening;

/// <summary>A listener on the wire: its owner, name, Spotify user, token status, last sync and last error. Never its tokens.</summary>
public sealed record ListenerResponse(
    long Id, long AccountId, string DisplayName, string? SpotifyUserId, string Status, DateTimeOffset? LastSyncAt, string? LastError,
    DateTimeOffset CreatedAt)
{
    public static ListenerResponse From(ListenerRecord l) =>
        new(l.Id, l.AccountId, l.DisplayName, l.SpotifyUserId, l.Status, l.LastSyncAt, l.LastError, l.CreatedAt);
}
