using System.Globalization;
using Refrain.Listening.Sync;

namespace Refrain.Admin.Listeners;

/// <summary>How the listener pages write enrichment progress and token expiry.</summary>
internal static class ListenerFormat
{
    /// <summary>Enriched plays as a whole-ish percentage for the progress bar's width (0 with no plays).</summary>
    public static string Percent(long enriched, long total) =>
        (total == 0 ? 0 : Math.Round(100.0 * enriched / total, 1)).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>"in 12 d", "expired 3 d ago" or "—", with the CSS class of its warning band (30 and 7 days).</summary>
    public static (string Text, string Css) Expiry(DateTimeOffset? refreshExpiresAt, DateTimeOffset now)
    {
        if (TokenExpiry.DaysLeft(refreshExpiresAt, now) is not { } days)
        {
            return ("—", "muted");
        }

        var text = days < 0 ? $"expired {-days} d ago" : $"{days} d";
        return TokenExpiry.Warning(refreshExpiresAt, now) switch
        {
            TokenExpiry.Within7Days => (text, "bad"),
            TokenExpiry.Within30Days => (text, "warn"),
            _ => (text, "ok"),
        };
    }
}
