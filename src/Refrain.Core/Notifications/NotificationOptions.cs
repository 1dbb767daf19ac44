using System.Globalization;

namespace Refrain.Notifications;

/// <summary>
/// <c>Notifications</c>: where announcements go and how hard delivery tries. With no channels every notification is still
/// stored and listed; it just goes nowhere else.
/// </summary>
public sealed class NotificationOptions
{
    /// <summary>The channels every notification is delivered to, each by its own job. Default none.</summary>
    public List<NotificationChannelOptions> Channels { get; set; } = [];

    /// <summary>The dashboard's address for links to a run (<c>{DashboardBaseUrl}/admin/runs/{id}</c>), e.g. <c>http://127.0.0.1:5080</c>. Default none (no links).</summary>
    public string? DashboardBaseUrl { get; set; }

    /// <summary>How often a node looks for ended runs, stale schedules, expiring tokens and long pauses. Default 15 seconds.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long an ended run may wait for its domain summary before it is announced without one. Default 30 seconds.</summary>
    public TimeSpan SummaryWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A provider paused longer than this is announced (once per pause). Default 1 hour.</summary>
    public TimeSpan LongPause { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Delivery attempts per channel before the delivery is recorded failed. Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>One delivery attempt's time limit (HTTP request or SMTP exchange). Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Every bad setting, each naming its property; empty when valid. Never quotes a URL or secret.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (DashboardBaseUrl is { Length: > 0 } dashboard && !IsHttpUrl(dashboard))
        {
            errors.Add("Notifications:DashboardBaseUrl must be an absolute http(s) URL");
        }

        Positive(errors, CheckInterval, nameof(CheckInterval));
        Positive(errors, Timeout, nameof(Timeout));
        if (SummaryWait < TimeSpan.Zero)
        {
            errors.Add("Notifications:SummaryWait must not be negative");
        }

        Positive(errors, LongPause, nameof(LongPause));
        if (MaxAttempts is < 1 or > 100)
        {
            errors.Add("Notifications:MaxAttempts must be from 1 to 100");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Channels.Count; i++)
        {
            var channel = Channels[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"Notifications:Channels:{i}");
            if (string.IsNullOrWhiteSpace(channel.Name))
            {
                errors.Add($"{at}:Name is required");
            }
            else if (!names.Add(channel.Name))
            {
                errors.Add($"{at}:Name '{channel.Name}' is used by another channel");
            }

            errors.AddRange(channel.Validate(at));
        }

        return errors;
    }

    internal static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static void Positive(List<string> errors, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"Notifications:{name} must be positive");
        }
    }
}
