using System.Net;
using Microsoft.Extensions.Time.Testing;
using Refrain.Sandbox;

namespace Refrain.Tests.Sandbox;

/// <summary>
/// The sandbox's user authorization answers as Spotify's Accounts service does (Authorization Code with PKCE, RFC 7636;
/// Spotify's authorization guide): codes are single-use and short-lived, refresh tokens rotate only when told to, revoked
/// ones are <c>invalid_grant</c>, and /v1/me needs a live user token.
/// </summary>
public sealed class SandboxUserAuthTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(20) };
    private SandboxServer _sandbox = null!;
    private SandboxOAuth _oauth = null!;

    public async Task InitializeAsync()
    {
        var options = new SandboxOptions { Time = _time };
        options.Spotify.RequestsPerWindow = 0;
        _sandbox = await SandboxServer.StartAsync(options, CancellationToken.None);
        _oauth = new SandboxOAuth(_sandbox, _http);
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Authorize_RedirectsBackWithACodeAndTheState()
    {
        var parameters = await _oauth.RedirectAsync(_oauth.Query());

        Assert.Equal("xyz", parameters["state"]);
        Assert.False(string.IsNullOrEmpty(parameters["code"]));
        Assert.False(parameters.ContainsKey("error"));
        Assert.Equal(1, _sandbox.RequestCount(SandboxEndpoints.Authorize));
    }

    [Fact]
    public async Task Authorize_UnknownClientOrRedirectUri_Is400WithoutRedirect()
    {
        using var client = await _oauth.AuthorizeAsync(_oauth.Query().Replace(_sandbox.Options.ClientId, "someone-else", StringComparison.Ordinal));
        using var redirect = await _oauth.AuthorizeAsync(_oauth.Query().Replace(Uri.EscapeDataString("127.0.0.1"), "evil.example.com", StringComparison.Ordinal));
        using var localhost = await _oauth.AuthorizeAsync(_oauth.Query().Replace("127.0.0.1", "localhost", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, client.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, redirect.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, localhost.StatusCode); // Spotify takes loopback redirects by IP literal only
        Assert.Null(redirect.Headers.Location);
    }

    [Fact]
    public async Task Authorize_ConfiguredRedirectUri_IsAccepted()
    {
        _sandbox.Options.RedirectUris.Add("https://refrain.example.com/connect/spotify/callback");
        var query = _oauth.Query().Replace(Uri.EscapeDataString(SandboxOAuth.RedirectUri),
            Uri.EscapeDataString("https://refrain.example.com/connect/spotify/callback"), StringComparison.Ordinal);

        using var response = await _oauth.AuthorizeAsync(query);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith("https://refrain.example.com/connect/spotify/callback?code=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("&code_challenge_method=plain", "invalid_request")]
    [InlineData("&sandbox_deny=1", "access_denied")]
    public async Task Authorize_BadRequestOrRefusal_RedirectsWithTheErrorAndState(string change, string error)
    {
        var query = change.Contains("plain", StringComparison.Ordinal) ? _oauth.Query().Replace("&code_challenge_method=S256", change, StringComparison.Ordinal) : _oauth.Query(extra: change);

        var parameters = await _oauth.RedirectAsync(query);

        Assert.Equal(error, parameters["error"]);
        Assert.Equal("xyz", parameters["state"]);
        Assert.False(parameters.ContainsKey("code"));
    }

    [Fact]
    public async Task Authorize_UnknownScope_RedirectsWithInvalidScope()
    {
        var parameters = await _oauth.RedirectAsync(_oauth.Query("user-read-everything"));

        Assert.Equal("invalid_scope", parameters["error"]);
    }

    [Fact]
    public async Task Exchange_WithTheRfc7636Verifier_IssuesUserAndRefreshTokens()
    {
        using var response = await _oauth.ExchangeAsync(await _oauth.CodeAsync(1));
        using var body = await SandboxOAuth.JsonAsync(response);
        var token = body.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal("user-read-recently-played", token.GetProperty("scope").GetString());
        Assert.Equal(3600, token.GetProperty("expires_in").GetInt32());
        Assert.False(string.IsNullOrEmpty(token.GetProperty("access_token").GetString()));
        Assert.False(string.IsNullOrEmpty(token.GetProperty("refresh_token").GetString()));
    }

    [Fact]
    public async Task Exchange_WrongVerifier_IsInvalidGrant()
    {
        using var response = await _oauth.ExchangeAsync(await _oauth.CodeAsync(1), "wrong-verifier-wrong-verifier-wrong-verifier-0");

        await AssertOAuthErrorAsync(response, "invalid_grant");
    }

    [Fact]
    public async Task Exchange_CodeUsedTwice_IsInvalidGrantTheSecondTime()
    {
        var code = await _oauth.CodeAsync(1);
        using var first = await _oauth.ExchangeAsync(code);
        using var second = await _oauth.ExchangeAsync(code);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertOAuthErrorAsync(second, "invalid_grant");
    }

    [Fact]
    public async Task Exchange_CodeOlderThanTenMinutes_IsInvalidGrant()
    {
        var code = await _oauth.CodeAsync(1);
        _time.Advance(TimeSpan.FromMinutes(10));

        using var response = await _oauth.ExchangeAsync(code);

        await AssertOAuthErrorAsync(response, "invalid_grant");
    }

    [Fact]
    public async Task Exchange_CodeWithoutPkceAndWithoutSecret_IsInvalidClient()
    {
        var query = _oauth.Query().Replace($"&code_challenge={SandboxOAuth.RfcChallenge}&code_challenge_method=S256", "", StringComparison.Ordinal);
        var code = (await _oauth.RedirectAsync(query))["code"];

        using var response = await _oauth.ExchangeAsync(code, "");

        await AssertOAuthErrorAsync(response, "invalid_client");
    }

    [Fact]
    public async Task Refresh_WithoutRotation_IssuesAnAccessTokenAndNoRefreshToken()
    {
        var (_, refresh) = await _oauth.TokensAsync(1);

        using var first = await _oauth.RefreshAsync(refresh);
        using var body = await SandboxOAuth.JsonAsync(first);
        using var again = await _oauth.RefreshAsync(refresh);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(body.RootElement.TryGetProperty("refresh_token", out _));
        Assert.Equal(3600, body.RootElement.GetProperty("expires_in").GetInt32());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // the old refresh token stays valid
    }

    [Fact]
    public async Task Refresh_WithRotation_IssuesANewRefreshTokenAndRetiresTheOldOne()
    {
        _sandbox.Options.RotateRefreshTokens = true;
        var (_, refresh) = await _oauth.TokensAsync(1);

        using var first = await _oauth.RefreshAsync(refresh);
        using var body = await SandboxOAuth.JsonAsync(first);
        var rotated = body.RootElement.GetProperty("refresh_token").GetString()!;
        using var old = await _oauth.RefreshAsync(refresh);
        using var next = await _oauth.RefreshAsync(rotated);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(refresh, rotated);
        await AssertOAuthErrorAsync(old, "invalid_grant");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Refresh_AfterTheUserRevokedAccess_IsInvalidGrant()
    {
        var (_, revoked) = await _oauth.TokensAsync(2);
        var (_, other) = await _oauth.TokensAsync(3);

        Assert.Equal(1, _sandbox.RevokeAccess(2));
        using var response = await _oauth.RefreshAsync(revoked);
        using var unaffected = await _oauth.RefreshAsync(other);

        await AssertOAuthErrorAsync(response, "invalid_grant");
        Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
    }

    [Fact]
    public async Task RevokeAccess_BySpotifyUserId_RevokesThatUsersRefreshTokens()
    {
        var (_, refresh) = await _oauth.TokensAsync(4);

        Assert.Equal(1, _sandbox.RevokeAccess(_sandbox.Listening.User(4).Id));
        using var response = await _oauth.RefreshAsync(refresh);

        await AssertOAuthErrorAsync(response, "invalid_grant");
        Assert.Equal(0, _sandbox.RevokeAccess(_sandbox.Listening.User(4).Id)); // already revoked
    }

    [Fact]
    public async Task Refresh_SixMonthsAfterAuthorization_IsInvalidGrant()
    {
        var (_, refresh) = await _oauth.TokensAsync(1);
        _time.Advance(TimeSpan.FromDays(150));
        using var before = await _oauth.RefreshAsync(refresh);
        _time.Advance(TimeSpan.FromDays(35)); // 185 days: past six months from any start date

        using var after = await _oauth.RefreshAsync(refresh);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await AssertOAuthErrorAsync(after, "invalid_grant");
    }

    [Fact]
    public async Task Refresh_DuringAccountsFaults_FailsTransientlyAndThenWorks()
    {
        var (_, refresh) = await _oauth.TokensAsync(1);
        _sandbox.Options.SpotifyAccounts.ServerErrorRate = 1;
        using var failed = await _oauth.RefreshAsync(refresh);
        _sandbox.Options.SpotifyAccounts.ServerErrorRate = 0;
        _sandbox.Options.SpotifyAccounts.StormUntil = _time.GetUtcNow().AddSeconds(40);
        using var limited = await _oauth.RefreshAsync(refresh);
        _time.Advance(TimeSpan.FromSeconds(40));

        using var recovered = await _oauth.RefreshAsync(refresh);

        Assert.True((int)failed.StatusCode >= 500);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(1, _sandbox.FaultsServed);
    }

    [Fact]
    public async Task Refresh_UnknownToken_IsInvalidGrant()
    {
        using var response = await _oauth.RefreshAsync("AQnot-a-refresh-token");

        await AssertOAuthErrorAsync(response, "invalid_grant");
    }

    [Fact]
    public async Task Me_WithTheUsersToken_IsThatUsersProfile()
    {
        var (access, _) = await _oauth.TokensAsync(3, "user-read-recently-played user-read-email");
        var expected = _sandbox.Listening.User(3);

        using var response = await _oauth.GetAsync("/v1/me", access);
        using var body = await SandboxOAuth.JsonAsync(response);
        var me = body.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected.Id, me.GetProperty("id").GetString());
        Assert.Equal(expected.DisplayName, me.GetProperty("display_name").GetString());
        Assert.Equal("user", me.GetProperty("type").GetString());
        Assert.Equal($"spotify:user:{expected.Id}", me.GetProperty("uri").GetString());
        Assert.Equal(expected.Email, me.GetProperty("email").GetString());
        Assert.False(me.TryGetProperty("country", out _)); // needs user-read-private
        Assert.Equal(1, _sandbox.RequestCount(SandboxEndpoints.Me));
    }

    [Fact]
    public async Task Me_WithAnExpiredOrClientCredentialsToken_Is401()
    {
        var (access, refresh) = await _oauth.TokensAsync(1);
        _time.Advance(TimeSpan.FromHours(1));

        using var expired = await _oauth.GetAsync("/v1/me", access);
        using var anonymous = await _http.GetAsync(_oauth.Url("/v1/me"));
        using var refreshed = await _oauth.RefreshAsync(refresh);
        using var refreshedBody = await SandboxOAuth.JsonAsync(refreshed);
        using var again = await _oauth.GetAsync("/v1/me", refreshedBody.RootElement.GetProperty("access_token").GetString()!);
        using var notAUser = await _oauth.GetAsync("/v1/me", await _oauth.ClientCredentialsTokenAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, notAUser.StatusCode);
    }

    [Fact]
    public async Task ClientCredentials_StillWorksAndItsTokenReadsTracks()
    {
        var token = await _oauth.ClientCredentialsTokenAsync();
        var (userToken, _) = await _oauth.TokensAsync(1);

        using var track = await _oauth.GetAsync($"/v1/tracks/{_sandbox.Catalog.Tracks[0].Id}", token);
        using var userTrack = await _oauth.GetAsync($"/v1/tracks/{_sandbox.Catalog.Tracks[0].Id}", userToken);

        Assert.Equal(HttpStatusCode.OK, track.StatusCode);
        Assert.Equal(HttpStatusCode.OK, userTrack.StatusCode);
    }

    [Fact]
    public async Task Authorize_WithoutAChosenUser_SignsInAsEachUserInTurn()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var code = (await _oauth.RedirectAsync(_oauth.Query()))["code"];
            using var token = await _oauth.ExchangeAsync(code);
            using var body = await SandboxOAuth.JsonAsync(token);
            using var me = await _oauth.GetAsync("/v1/me", body.RootElement.GetProperty("access_token").GetString()!);
            using var profile = await SandboxOAuth.JsonAsync(me);
            ids.Add(profile.RootElement.GetProperty("id").GetString()!);
        }

        Assert.Equal(3, ids.Distinct().Count());
    }

    private static async Task AssertOAuthErrorAsync(HttpResponseMessage response, string error)
    {
        using var body = await SandboxOAuth.JsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, body.RootElement.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("error_description").GetString()));
    }
}
