namespace Refrain.Listening.Sync;

/// <summary>
/// How soon a listener's refresh token expires (authorization + six months), in the two warning bands issue 5 reports:
/// within 7 days (<c>7_days</c>, expired included) and within 30 days (<c>30_days</c>).
/// </summary>
public static class TokenExpiry
{
    public const string Within30Days = "30_days";
    public const string Within7Days = "7_days";

    /// <summary>Whole days left (negative once expired, rounded down); null without a refresh token expiry.</summary>
    public static long? DaysLeft(DateTimeOffset? refreshExpiresAt, DateTimeOffset now) =>
        refreshExpiresAt is { } at ? (long)Math.Floor((at - now).TotalDays) : null;

    /// <summary><c>7_days</c>, <c>30_days</c> or null (no expiry known, or more than 30 days left).</summary>
    public static string? Warning(DateTimeOffset? refreshExpiresAt, DateTimeOffset now) =>
        refreshExpiresAt is not { } at ? null
        : at - now <= TimeSpan.FromDays(7) ? Within7Days
        : at - now <= TimeSpan.FromDays(30) ? Within30Days
        : null;
}
