using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Refrain.Sandbox;

namespace Refrain.Tests.Sandbox;

/// <summary>The stand-ins answer as the real services do (Spotify Web API reference, MusicBrainz web service), over real HTTP.</summary>
public sealed class SandboxServerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync()
    {
        var options = new SandboxOptions { Time = _time };
        options.Spotify.RequestsPerWindow = 0;
        options.MusicBrainz.RequestsPerWindow = 0;
        _sandbox = await SandboxServer.StartAsync(options, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public void BaseUrl_IsOnTheLoopback()
    {
        Assert.Equal("127.0.0.1", _sandbox.BaseUrl.Host);
        Assert.True(_sandbox.BaseUrl.Port > 0);
    }

    [Fact]
    public async Task Token_ClientCredentials_IssuesABearerTokenForItsLifetime()
    {
        using var response = await TokenAsync(_sandbox.Options.ClientId, _sandbox.Options.ClientSecret);
        using var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.RootElement.GetProperty("expires_in").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task Token_WrongSecret_IsInvalidClient()
    {
        using var response = await TokenAsync(_sandbox.Options.ClientId, "wrong");
        using var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_client", body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Track_WithoutOrWithAnExpiredToken_Is401()
    {
        var id = _sandbox.Catalog.Tracks[0].Id;
        using var anonymous = await _http.GetAsync(Url($"/v1/tracks/{id}"));
        var token = await AccessTokenAsync();
        _time.Advance(TimeSpan.FromHours(1));
        using var expired = await GetAsync($"/v1/tracks/{id}", token);
        using var body = await JsonAsync(expired);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("The access token expired", body.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Track_IsAFullTrackObject()
    {
        var expected = _sandbox.Catalog.Tracks.First(t => t.Isrc is not null);
        using var response = await GetAsync($"/v1/tracks/{expected.Id}", await AccessTokenAsync());
        using var body = await JsonAsync(response);
        var track = body.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var member in new[] { "album", "artists", "available_markets", "disc_number", "duration_ms", "explicit", "external_ids", "external_urls", "href", "id", "is_local", "name", "preview_url", "track_number", "type", "uri" })
        {
            Assert.True(track.TryGetProperty(member, out _), member);
        }

        Assert.Equal(expected.Isrc, track.GetProperty("external_ids").GetProperty("isrc").GetString());
        Assert.Equal(expected.Album.AlbumType, track.GetProperty("album").GetProperty("album_type").GetString());
        Assert.Equal($"spotify:track:{expected.Id}", track.GetProperty("uri").GetString());
        Assert.Equal(Url($"/v1/tracks/{expected.Id}").ToString(), track.GetProperty("href").GetString());
    }

    [Fact]
    public async Task SeveralTracks_UnknownIdsAreNullAndMoreThan50AreRefused()
    {
        var token = await AccessTokenAsync();
        var known = _sandbox.Catalog.Tracks[0].Id;
        using var some = await GetAsync($"/v1/tracks?ids={known},0000000000000000000000", token);
        using var body = await JsonAsync(some);
        using var tooMany = await GetAsync("/v1/tracks?ids=" + string.Join(',', _sandbox.Catalog.Tracks.Take(51).Select(t => t.Id)), token);

        var tracks = body.RootElement.GetProperty("tracks");
        Assert.Equal(known, tracks[0].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, tracks[1].ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    [Fact]
    public async Task Search_ByIsrc_IsAPagingObjectAndLimitAboveTenIsRefused()
    {
        var token = await AccessTokenAsync();
        var isrc = _sandbox.Catalog.Tracks.First(t => t.Isrc is not null).Isrc!;
        using var found = await GetAsync($"/v1/search?q=isrc%3A{isrc}&type=track&limit=10", token);
        using var body = await JsonAsync(found);
        using var refused = await GetAsync($"/v1/search?q=isrc%3A{isrc}&type=track&limit=11", token);

        var page = body.RootElement.GetProperty("tracks");
        Assert.Equal(_sandbox.Catalog.TracksByIsrc(isrc).Count, page.GetProperty("total").GetInt32());
        Assert.Equal(10, page.GetProperty("limit").GetInt32());
        Assert.All(page.GetProperty("items").EnumerateArray(), t => Assert.Equal(isrc, t.GetProperty("external_ids").GetProperty("isrc").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Search_ByTrackAndArtist_IgnoresCaseAndAccents()
    {
        var track = _sandbox.Catalog.Tracks.First(t => t.Version == "original" && t.Artists.Count == 1);
        var q = Uri.EscapeDataString($"track:\"{track.Name.ToUpperInvariant()}\" artist:\"{track.Artists[0].Name.ToLowerInvariant()}\"");
        using var response = await GetAsync($"/v1/search?q={q}&type=track&limit=10", await AccessTokenAsync());
        using var body = await JsonAsync(response);

        Assert.Contains(body.RootElement.GetProperty("tracks").GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == track.Id);
    }

    [Fact]
    public async Task RateLimit_BeyondTheWindow_Is429WithRetryAfterAndCounted()
    {
        _sandbox.Options.Spotify.RequestsPerWindow = 2;
        var token = await AccessTokenAsync();
        var path = $"/v1/tracks/{_sandbox.Catalog.Tracks[0].Id}";
        using var first = await GetAsync(path, token);
        _time.Advance(TimeSpan.FromSeconds(10));
        using var second = await GetAsync(path, token);
        using var third = await GetAsync(path, token);
        _time.Advance(TimeSpan.FromSeconds(20));
        using var fourth = await GetAsync(path, token);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("20", third.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, fourth.StatusCode); // the first request left the window
        Assert.Equal(1, _sandbox.TooManyRequestsServed);
        Assert.Equal(4, _sandbox.RequestCount(SandboxEndpoints.Track));
    }

    [Fact]
    public async Task Storm_RefusesEveryRequestUntilItEnds()
    {
        var token = await AccessTokenAsync();
        var path = $"/v1/tracks/{_sandbox.Catalog.Tracks[0].Id}";
        _sandbox.Options.Spotify.StormUntil = _time.GetUtcNow().AddMinutes(2);
        using var during = await GetAsync(path, token);
        _time.Advance(TimeSpan.FromMinutes(2));
        using var after = await GetAsync(path, token);

        Assert.Equal(HttpStatusCode.TooManyRequests, during.StatusCode);
        Assert.Equal("120", during.Headers.GetValues("retry-after").Single());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task MusicBrainz_WithoutUserAgent_IsRefused()
    {
        var isrc = _sandbox.Catalog.Recordings[0].Isrcs[0];
        using var request = new HttpRequestMessage(HttpMethod.Get, Url($"/ws/2/isrc/{isrc}?inc=artist-credits&fmt=json"));

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task MusicBrainz_IsrcLookup_HasTheWebServiceShape()
    {
        var recording = _sandbox.Catalog.Recordings.First(r => r.Artists.Count > 1);
        using var response = await MusicBrainzAsync($"/ws/2/isrc/{recording.Isrcs[0]}?inc=artist-credits&fmt=json");
        using var body = await JsonAsync(response);

        var first = body.RootElement.GetProperty("recordings").EnumerateArray().First(r => r.GetProperty("id").GetString() == recording.Id);
        Assert.Equal(recording.Isrcs[0], body.RootElement.GetProperty("isrc").GetString());
        Assert.Equal(recording.Title, first.GetProperty("title").GetString());
        Assert.Equal(recording.Artists.Count, first.GetProperty("artist-credit").GetArrayLength());
        Assert.Equal(" feat. ", first.GetProperty("artist-credit")[0].GetProperty("joinphrase").GetString());
        Assert.False(first.TryGetProperty("isrcs", out _)); // not asked for
    }

    [Fact]
    public async Task MusicBrainz_OverTheLimit_Is503()
    {
        _sandbox.Options.MusicBrainz.RequestsPerWindow = 1;
        var path = $"/ws/2/recording/{_sandbox.Catalog.Recordings[0].Id}?fmt=json";
        using var first = await MusicBrainzAsync(path);
        using var second = await MusicBrainzAsync(path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(1, _sandbox.TooManyRequestsServed);
    }

    [Fact]
    public async Task Stats_CountRequestsPerEndpoint()
    {
        await AccessTokenAsync();
        using var lookup = await MusicBrainzAsync($"/ws/2/recording/{_sandbox.Catalog.Recordings[0].Id}?fmt=json");

        using var stats = await _http.GetAsync(Url("/_sandbox/stats"));
        using var body = await JsonAsync(stats);

        var requests = body.RootElement.GetProperty("requests");
        Assert.Equal(1, requests.GetProperty(SandboxEndpoints.Token).GetInt64());
        Assert.Equal(1, requests.GetProperty(SandboxEndpoints.Recording).GetInt64());
        Assert.Equal(0, body.RootElement.GetProperty("too_many_requests").GetInt64());
    }

    private Uri Url(string pathAndQuery) => new(_sandbox.BaseUrl, pathAndQuery);

    private Task<HttpResponseMessage> TokenAsync(string id, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url("/api/token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));
        return _http.SendAsync(request);
    }

    private async Task<string> AccessTokenAsync()
    {
        using var response = await TokenAsync(_sandbox.Options.ClientId, _sandbox.Options.ClientSecret);
        using var body = await JsonAsync(response);
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    private Task<HttpResponseMessage> GetAsync(string pathAndQuery, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Url(pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _http.SendAsync(request);
    }

    private Task<HttpResponseMessage> MusicBrainzAsync(string pathAndQuery)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Url(pathAndQuery));
        request.Headers.TryAddWithoutValidation("User-Agent", "Refrain-Tests/1.0 ( tests@example.com )");
        return _http.SendAsync(request);
    }

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());
}
