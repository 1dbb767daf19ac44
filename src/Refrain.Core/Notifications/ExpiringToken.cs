namespace Refrain.Notifications;

/// <summary>A listener whose refresh token expires within <see cref="Band"/> days (7 or 30) and has not been announced in that band for this authorization.</summary>
public sealed class ExpiringToken
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public string DisplayName { get; set; } = "";
    public long RefreshExpiresAt { get; set; }
    public long AuthorizedAt { get; set; }
    public int Band { get; set; }

    /// <summary>Once per listener, per authorization, per band.</summary>
    public string EventKey => FormattableString.Invariant($"expiry:{Id}:{AuthorizedAt}:{Band}");
}
