using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Refrain.Sandbox;

namespace Refrain.Tests.Sandbox;

/// <summary>The Songstats and snapshot stand-ins over real HTTP: the apikey, the wire shapes of DESIGN §6, and their own limits.</summary>
public sealed class SandboxMeasurementsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private SandboxServer _sandbox = null!;

    private static IEnumerable<string> Isrcs => Enumerable.Range(1, 400).Select(i => $"QZS7B26{i:00000}");

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Time = _time }, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _http.Dispose();
    }

    private Task<HttpResponseMessage> HistoryAsync(string isrc, string from = "2015-01-01", string to = "2026-11-21", string? key = "sandbox-songstats-key")
    {
        var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(_sandbox.BaseUrl, $"/enterprise/v1/tracks/historic_stats?isrc={isrc}&source=spotify&start_date={from}&end_date={to}"));
        if (key is not null)
        {
            request.Headers.Add("apikey", key);
        }

        return _http.SendAsync(request);
    }

    [Fact]
    public async Task Songstats_WithoutTheApiKey_Is401AndCounted()
    {
        var missing = await HistoryAsync(Isrcs.First(), key: null);
        var wrong = await HistoryAsync(Isrcs.First(), key: "guess");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (missing.StatusCode, wrong.StatusCode));
        Assert.Equal(2, _sandbox.RequestCount(SandboxEndpoints.SongstatsHistory));
    }

    [Fact]
    public async Task Songstats_ABadDateRange_Is400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await HistoryAsync(Isrcs.First(), from: "2024-13-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await HistoryAsync(Isrcs.First(), from: "2024-05-02", to: "2024-05-01")).StatusCode);
    }

    [Fact]
    public async Task Songstats_Histories_AreCumulativeWithGapsOneDipAndSomeIsrcsWithoutHistory()
    {
        int without = 0, gaps = 0, dips = 0;
        foreach (var isrc in Isrcs.Take(60))
        {
            var response = await HistoryAsync(isrc, from: "2020-01-01", to: "2024-12-31");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                without++;
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var spotify = Assert.Single(body.RootElement.GetProperty("stats").EnumerateArray());
            Assert.Equal("spotify", spotify.GetProperty("source").GetString());
            var days = spotify.GetProperty("data").GetProperty("history").EnumerateArray()
                .Select(d => (Date: DateOnly.ParseExact(d.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture), Total: d.GetProperty("streams_total").GetInt64()))
                .ToList();
            Assert.All(days, d => Assert.InRange(d.Date, new DateOnly(2020, 1, 1), new DateOnly(2024, 12, 31)));
            var steps = days.Zip(days.Skip(1)).ToList();
            gaps += steps.Count(s => s.Second.Date.DayNumber - s.First.Date.DayNumber > 1);
            var falls = steps.Where(s => s.Second.Total < s.First.Total).ToList();
            Assert.True(falls.Count <= 1, $"{isrc} falls more than once");
            if (falls.Count == 1)
            {
                dips++;
                Assert.Equal(falls[0].First.Total - 1000, falls[0].Second.Total);
                Assert.Equal(falls[0].First.Date.AddDays(1), falls[0].Second.Date);
            }
        }

        Assert.InRange(without, 1, 20);
        Assert.True(gaps > 0, "no history had a gap");
        Assert.True(dips > 0, "no history had a dip");
    }

    [Fact]
    public async Task Snapshot_AnAlbum_AnswersItsTracksWithPlaycountsThatGrowDayByDay()
    {
        var album = _sandbox.Catalog.Tracks[0].Album.Id;

        var today = await PlaycountsAsync(album);
        _time.Advance(TimeSpan.FromDays(1));
        var tomorrow = await PlaycountsAsync(album);

        Assert.Equal(album, today.GetProperty("album_id").GetString());
        var ids = _sandbox.Catalog.Tracks.Where(t => t.Album.Id == album).OrderBy(t => t.TrackNumber).Select(t => t.Id);
        Assert.Equal(ids, today.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("spotify_track_id").GetString()));
        var before = today.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("playcount").GetInt64()).ToList();
        var after = tomorrow.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("playcount").GetInt64()).ToList();
        Assert.All(before.Zip(after), p => Assert.True(p.Second > p.First, $"{p.First} did not grow"));
    }

    [Fact]
    public async Task Snapshot_HasItsOwnLimit_AndAnUnknownAlbumIs404()
    {
        _sandbox.Options.Snapshot.RequestsPerWindow = 1;
        var album = _sandbox.Catalog.Tracks[0].Album.Id;

        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri(_sandbox.BaseUrl, $"/albums/{album}/playcounts"))).StatusCode);
        var refused = await _http.GetAsync(new Uri(_sandbox.BaseUrl, $"/albums/{album}/playcounts"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await HistoryAsync(Isrcs.First(s => SongstatsHistories.HasHistory(s)))).StatusCode);
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri(_sandbox.BaseUrl, "/albums/0000000000000000000000/playcounts"))).StatusCode);
    }

    private async Task<JsonElement> PlaycountsAsync(string album)
    {
        var response = await _http.GetAsync(new Uri(_sandbox.BaseUrl, $"/albums/{album}/playcounts"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
