using System.Net;
using System.Text.RegularExpressions;

namespace Refrain.Tests.Admin;

/// <summary>
/// A browser-less dashboard user over real HTTP: keeps the session and antiforgery cookies, never follows redirects (tests
/// assert them), and posts forms with the antiforgery token read from the page that holds the form.
/// </summary>
public sealed partial class AdminClient : IDisposable
{
    private readonly HttpClient _http;

    private AdminClient(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public CookieContainer Cookies { get; }

    /// <summary>A client with no session yet.</summary>
    public static AdminClient Anonymous(Uri baseAddress) => new(baseAddress);

    /// <summary>Logs in with <paramref name="key"/> and asserts the redirect into the dashboard.</summary>
    public static async Task<AdminClient> LoginAsync(Uri baseAddress, string key)
    {
        var client = new AdminClient(baseAddress);
        var response = await client.TryLoginAsync(key);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"login answered {(int)response.StatusCode}");
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>Posts the login form; the response is left for the test to judge.</summary>
    public async Task<HttpResponseMessage> TryLoginAsync(string key, string? returnUrl = null)
    {
        var fields = new Dictionary<string, string> { ["Key"] = key };
        if (returnUrl is not null)
        {
            fields["ReturnUrl"] = returnUrl;
        }

        return await PostFormAsync("/admin/login", fields);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>GETs a page, asserts 200, returns its HTML.</summary>
    public async Task<string> GetPageAsync(string path)
    {
        using var response = await GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode} (Location {response.Headers.Location}): {Trim(html)}");
        return html;
    }

    /// <summary>
    /// Posts <paramref name="fields"/> to <paramref name="action"/> with the antiforgery token of the form on
    /// <paramref name="formPage"/> (default: the action's own page).
    /// </summary>
    public async Task<HttpResponseMessage> PostFormAsync(string action, IReadOnlyDictionary<string, string> fields, string? formPage = null)
    {
        var page = await GetPageAsync(formPage ?? StripQuery(action));
        var all = new List<KeyValuePair<string, string>>(fields) { new("__af", Token(page)) };
        return await PostRawAsync(action, all);
    }

    /// <summary>Posts exactly these fields (no token added: for tampering tests).</summary>
    public Task<HttpResponseMessage> PostRawAsync(string action, IEnumerable<KeyValuePair<string, string>> fields) =>
        _http.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(fields));

    /// <summary>The antiforgery token of the first form on the page.</summary>
    public static string Token(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "the page has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The page's visible text with tags removed and whitespace collapsed, for assertions on what a user reads.</summary>
    public static string Text(string html)
    {
        var body = html.Contains("<main>", StringComparison.Ordinal) ? html[html.IndexOf("<main>", StringComparison.Ordinal)..] : html;
        var noScripts = ScriptPattern().Replace(body, " ");
        return WebUtility.HtmlDecode(SpacePattern().Replace(TagPattern().Replace(noScripts, " "), " ")).Trim();
    }

    private static string StripQuery(string path) => path.Split('?')[0];

    private static string Trim(string text) => text.Length > 2000 ? text[..2000] : text;

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>", RegexOptions.Singleline)]
    private static partial Regex ScriptPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("\\s+")]
    private static partial Regex SpacePattern();
}
