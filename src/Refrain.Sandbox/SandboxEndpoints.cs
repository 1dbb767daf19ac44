namespace Refrain.Sandbox;

/// <summary>The names <see cref="SandboxServer.RequestCounts"/> counts requests under.</summary>
public static class SandboxEndpoints
{
    public const string Token = "POST /api/token";
    public const string Track = "GET /v1/tracks/{id}";
    public const string Tracks = "GET /v1/tracks";
    public const string Search = "GET /v1/search";
    public const string Authorize = "GET /authorize";
    public const string Me = "GET /v1/me";
    public const string RecentlyPlayed = "GET /v1/me/player/recently-played";
    public const string Isrc = "GET /ws/2/isrc/{isrc}";
    public const string Recording = "GET /ws/2/recording/{mbid}";
    public const string SongstatsHistory = "GET /enterprise/v1/tracks/historic_stats";
    public const string SnapshotPlaycounts = "GET /albums/{id}/playcounts";
    public const string StripeCustomers = "POST /v1/customers";
    public const string StripePaymentMethods = "GET /v1/customers/{id}/payment_methods";
    public const string StripeCheckoutSessions = "POST /v1/checkout/sessions";
}
