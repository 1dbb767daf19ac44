using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Refrain.Bench.Dashboard;

/// <summary>
/// A dashboard user over loopback HTTP: logs in with an admin key (the form and its antiforgery token, as a browser
/// does), keeps the session cookie, and times each GET from sending the request to having read the whole body.
/// </summary>
internal sealed partial class DashboardClient : IDisposable
{
    private readonly HttpClient _http;

    public DashboardClient(Uri baseAddress) =>
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };

    /// <summary>Posts the login form; false when the dashboard did not redirect into /admin.</summary>
    public async Task<bool> LoginAsync(string key, CancellationToken ct)
    {
        var (_, page) = await GetAsync("/admin/login", ct);
        var token = TokenPattern().Match(page);
        if (!token.Success)
        {
            return false;
        }

        using var form = new FormUrlEncodedContent([new("Key", key), new("__af", WebUtility.HtmlDecode(token.Groups[1].Value))]);
        using var response = await _http.PostAsync(new Uri("/admin/login", UriKind.Relative), form, ct);
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/admin";
    }

    /// <summary>The status and body of one GET.</summary>
    public async Task<(int Status, string Body)> GetAsync(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>One GET timed with a Stopwatch around the request and the body read; the status with it.</summary>
    public async Task<(int Status, double Ms)> TimeAsync(string path, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var (status, _) = await GetAsync(path, ct);
        return (status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Where the page's "Next" link leads, or null when it has none.</summary>
    public static string? NextLink(string html)
    {
        var match = NextPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<a href=\"([^\"]+)\"[^>]*>\\s*Next")]
    private static partial Regex NextPattern();
}
