using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Refrain.Sandbox;

namespace Refrain.Tests.Sandbox;

/// <summary>A client of the sandbox's user authorization (Authorization Code with PKCE) over real HTTP, for tests.</summary>
internal sealed class SandboxOAuth(SandboxServer sandbox, HttpClient http)
{
    /// <summary>RFC 7636 Appendix B: this verifier's S256 challenge is <see cref="RfcChallenge"/>.</summary>
    public const string RfcVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    public const string RfcChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    public const string RedirectUri = "http://127.0.0.1:5080/connect/spotify/callback";

    public Uri Url(string pathAndQuery) => new(sandbox.BaseUrl, pathAndQuery);

    /// <summary>GET /authorize; the answer is not followed (the client must not follow redirects).</summary>
    public Task<HttpResponseMessage> AuthorizeAsync(string query) => http.GetAsync(Url("/authorize?" + query));

    /// <summary>The query of the redirect an authorize request answered with.</summary>
    public async Task<Dictionary<string, string>> RedirectAsync(string query)
    {
        using var response = await AuthorizeAsync(query);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(RedirectUri + "?", location.OriginalString, StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    /// <summary>A code for user <paramref name="user"/> with the RFC challenge.</summary>
    public async Task<string> CodeAsync(int user, string scope = "user-read-recently-played")
    {
        var parameters = await RedirectAsync(Query(scope, $"&sandbox_user={user}"));
        return parameters["code"];
    }

    public string Query(string scope = "user-read-recently-played", string extra = "") =>
        $"client_id={sandbox.Options.ClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(RedirectUri)}&scope={Uri.EscapeDataString(scope)}" +
        $"&state=xyz&code_challenge={RfcChallenge}&code_challenge_method=S256{extra}";

    /// <summary>POST /api/token as a public PKCE client (client_id in the form, no secret).</summary>
    public Task<HttpResponseMessage> TokenAsync(params (string Name, string Value)[] form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url("/api/token"))
        {
            Content = new FormUrlEncodedContent([.. form.Select(f => KeyValuePair.Create(f.Name, f.Value)), KeyValuePair.Create("client_id", sandbox.Options.ClientId)]),
        };
        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> ExchangeAsync(string code, string verifier = RfcVerifier) =>
        TokenAsync(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", RedirectUri), ("code_verifier", verifier));

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        TokenAsync(("grant_type", "refresh_token"), ("refresh_token", refreshToken));

    /// <summary>Access and refresh tokens for user <paramref name="user"/>.</summary>
    public async Task<(string Access, string Refresh)> TokensAsync(int user, string scope = "user-read-recently-played")
    {
        using var response = await ExchangeAsync(await CodeAsync(user, scope));
        using var body = await JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (body.RootElement.GetProperty("access_token").GetString()!, body.RootElement.GetProperty("refresh_token").GetString()!);
    }

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery.StartsWith("http", StringComparison.Ordinal) ? new Uri(pathAndQuery) : Url(pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }

    public async Task<string> ClientCredentialsTokenAsync()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url("/api/token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sandbox.Options.ClientId}:{sandbox.Options.ClientSecret}")));
        using var response = await http.SendAsync(request);
        using var body = await JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.RootElement.TryGetProperty("refresh_token", out _));
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    public static async Task<JsonDocument> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());
}
