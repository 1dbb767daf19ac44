using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Refrain.Sandbox;

namespace Refrain.Tests.Sandbox;

/// <summary>
/// Recently-played answers as Spotify's reference describes it: play-history items newest first, at most 50 per request and
/// 50 in all, <c>after</c>/<c>before</c> in Unix ms (exclusive), cursors of the newest and oldest item, a <c>next</c> link that
/// walks backwards, and no cursors on an empty page; the history grows as the sandbox clock moves.
/// </summary>
public sealed class SandboxRecentlyPlayedTests : IAsyncLifetime
{
    private const string Path = "/v1/me/player/recently-played";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(20) };
    private SandboxServer _sandbox = null!;
    private SandboxOAuth _oauth = null!;

    public async Task InitializeAsync()
    {
        // Every hour has a listening session, so a few hours always bring new plays.
        var options = new SandboxOptions { Time = _time, ListeningShare = 1 };
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
    public async Task RecentlyPlayed_IsACursorPageOfPlayHistoryNewestFirst()
    {
        var (token, _) = await _oauth.TokensAsync(1);

        using var response = await _oauth.GetAsync($"{Path}?limit=50", token);
        using var body = await SandboxOAuth.JsonAsync(response);
        var page = body.RootElement;
        var items = page.GetProperty("items").EnumerateArray().ToList();
        var playedAt = items.Select(PlayedAtMs).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(50, items.Count);
        Assert.Equal(playedAt.OrderDescending(), playedAt);
        Assert.Equal(50, playedAt.Distinct().Count());
        Assert.All(playedAt, at => Assert.True(at <= _time.GetUtcNow().ToUnixTimeMilliseconds()));
        Assert.Equal(playedAt[0].ToString(CultureInfo.InvariantCulture), page.GetProperty("cursors").GetProperty("after").GetString());
        Assert.Equal(playedAt[^1].ToString(CultureInfo.InvariantCulture), page.GetProperty("cursors").GetProperty("before").GetString());
        Assert.Equal(50, page.GetProperty("limit").GetInt32());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind); // Spotify keeps 50 plays: nothing older to page to
        Assert.Equal(_oauth.Url($"{Path}?limit=50").ToString(), page.GetProperty("href").GetString());
        var track = items[0].GetProperty("track");
        Assert.NotNull(_sandbox.Catalog.Track(track.GetProperty("id").GetString()!));
        Assert.Equal("track", track.GetProperty("type").GetString());
        Assert.EndsWith("Z", items[0].GetProperty("played_at").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecentlyPlayed_After_BringsOnlyPlaysSinceTheCursorWithoutDuplicates()
    {
        var (token, refresh) = await _oauth.TokensAsync(1);
        using var first = await _oauth.GetAsync($"{Path}?limit=50", token);
        using var firstBody = await SandboxOAuth.JsonAsync(first);
        var cursor = long.Parse(firstBody.RootElement.GetProperty("cursors").GetProperty("after").GetString()!, CultureInfo.InvariantCulture);
        var seen = firstBody.RootElement.GetProperty("items").EnumerateArray().Select(PlayedAtMs).ToHashSet();

        _time.Advance(TimeSpan.FromHours(3));
        token = await AccessTokenAsync(refresh); // the first one has expired
        using var second = await _oauth.GetAsync($"{Path}?limit=50&after={cursor}", token);
        using var secondBody = await SandboxOAuth.JsonAsync(second);
        var fresh = secondBody.RootElement.GetProperty("items").EnumerateArray().Select(PlayedAtMs).ToList();
        var newCursor = secondBody.RootElement.GetProperty("cursors").GetProperty("after").GetString()!;

        using var third = await _oauth.GetAsync($"{Path}?limit=50&after={newCursor}", token);
        using var thirdBody = await SandboxOAuth.JsonAsync(third);

        Assert.InRange(fresh.Count, 1, 50);
        Assert.All(fresh, at => Assert.True(at > cursor));
        Assert.DoesNotContain(fresh, seen.Contains);
        Assert.Equal(fresh[0].ToString(CultureInfo.InvariantCulture), newCursor);
        Assert.Empty(thirdBody.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, thirdBody.RootElement.GetProperty("cursors").ValueKind);
        Assert.Equal(JsonValueKind.Null, thirdBody.RootElement.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task RecentlyPlayed_AfterALongAbsence_ReturnsTheLatest50Only()
    {
        var (_, refresh) = await _oauth.TokensAsync(1);
        var cursor = _time.GetUtcNow().ToUnixTimeMilliseconds();
        _time.Advance(TimeSpan.FromDays(2)); // 48 sessions of several plays each: far more than 50
        var token = await AccessTokenAsync(refresh);

        using var response = await _oauth.GetAsync($"{Path}?limit=50&after={cursor}", token);
        using var body = await SandboxOAuth.JsonAsync(response);

        Assert.Equal(50, body.RootElement.GetProperty("items").GetArrayLength());
        Assert.True(_sandbox.Listening.Plays(_sandbox.Listening.User(1), DateTimeOffset.FromUnixTimeMilliseconds(cursor), _time.GetUtcNow()).Count > 50);
    }

    [Fact]
    public async Task RecentlyPlayed_Next_WalksBackwardsThroughTheLatest50()
    {
        var (token, _) = await _oauth.TokensAsync(2);
        var collected = new List<long>();
        string? next = _oauth.Url($"{Path}?limit=20").ToString();
        var pages = 0;
        while (next is not null && pages++ < 10)
        {
            using var response = await _oauth.GetAsync(next, token);
            using var body = await SandboxOAuth.JsonAsync(response);
            var items = body.RootElement.GetProperty("items").EnumerateArray().Select(PlayedAtMs).ToList();
            Assert.All(items, at => Assert.True(collected.Count == 0 || at < collected[^1]));
            collected.AddRange(items);
            next = body.RootElement.GetProperty("next").GetString();
            if (next is not null)
            {
                Assert.Contains($"before={items[^1]}", next, StringComparison.Ordinal);
            }
        }

        Assert.Equal(3, pages); // 20 + 20 + 10
        Assert.Equal(50, collected.Distinct().Count());
    }

    [Fact]
    public async Task RecentlyPlayed_EachUserHasTheirOwnHistory()
    {
        var (one, _) = await _oauth.TokensAsync(1);
        var (two, _) = await _oauth.TokensAsync(2);

        using var first = await _oauth.GetAsync($"{Path}?limit=50", one);
        using var second = await _oauth.GetAsync($"{Path}?limit=50", two);
        using var firstBody = await SandboxOAuth.JsonAsync(first);
        using var secondBody = await SandboxOAuth.JsonAsync(second);

        Assert.NotEqual(firstBody.RootElement.GetProperty("items").EnumerateArray().Select(PlayedAtMs), secondBody.RootElement.GetProperty("items").EnumerateArray().Select(PlayedAtMs));
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=51")]
    [InlineData("?after=1&before=2")]
    [InlineData("?after=yesterday")]
    public async Task RecentlyPlayed_BadParameters_Are400(string query)
    {
        var (token, _) = await _oauth.TokensAsync(1);

        using var response = await _oauth.GetAsync(Path + query, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task RecentlyPlayed_WithoutItsScope_Is403()
    {
        var (token, _) = await _oauth.TokensAsync(1, "user-read-email");

        using var response = await _oauth.GetAsync(Path, token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task RecentlyPlayed_ExpiredToken_Is401()
    {
        var (token, _) = await _oauth.TokensAsync(1);
        _time.Advance(TimeSpan.FromHours(1));

        using var response = await _oauth.GetAsync(Path, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RecentlyPlayed_IsRateLimitedAndCountedLikeTheOtherEndpoints()
    {
        var (token, _) = await _oauth.TokensAsync(1);
        _sandbox.Options.Spotify.RequestsPerWindow = 1;

        using var first = await _oauth.GetAsync(Path, token);
        using var second = await _oauth.GetAsync(Path, token);
        _sandbox.Options.Spotify.StormUntil = _time.GetUtcNow().AddMinutes(1);
        _time.Advance(TimeSpan.FromSeconds(30));
        using var storm = await _oauth.GetAsync(Path, token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, storm.StatusCode);
        Assert.Equal("30", storm.Headers.GetValues("retry-after").Single());
        Assert.Equal(3, _sandbox.RequestCount(SandboxEndpoints.RecentlyPlayed));
        Assert.Equal(2, _sandbox.TooManyRequestsServed);
    }

    private async Task<string> AccessTokenAsync(string refreshToken)
    {
        using var response = await _oauth.RefreshAsync(refreshToken);
        using var body = await SandboxOAuth.JsonAsync(response);
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    private static long PlayedAtMs(JsonElement item) =>
        DateTimeOffset.Parse(item.GetProperty("played_at").GetString()!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
}
