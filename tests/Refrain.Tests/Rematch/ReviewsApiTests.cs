using System.Globalization;
using System.Net;
using System.Text.Json;
using Dapper;
using Refrain.Catalog;
using Refrain.Rematch;
using Refrain.Sandbox;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Rematch;

/// <summary>
/// <c>/api/reviews/duration-mismatches</c> on both databases, with Spotify pointed at a sandbox on 127.0.0.1: the review list
/// as <c>refrain review list</c> shows it, each decision as <c>refrain review decide</c> makes it, and tenant scoping.
/// </summary>
public abstract class ReviewsApiCompliance(ReviewsApiCompliance.SpotifySandbox sandbox) : ApiTestBase
{
    /// <summary>Track ids no sandbox catalog holds (sandbox ids are random base-62).</summary>
    private const string UnknownTrack = "zzzzzzzzzzzzzzzzzzzzzz";

    /// <summary>One sandbox for a test class: Spotify with no rate limit, its catalog read-only.</summary>
    public sealed class SpotifySandbox : IAsyncLifetime
    {
        public SandboxServer Server { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var options = new SandboxOptions { Songs = 20 };
            options.Spotify.RequestsPerWindow = 0;
            Server = await SandboxServer.StartAsync(options, CancellationToken.None);
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    protected override Dictionary<string, string?> Settings => SandboxSettings.Spotify(sandbox.Server);

    private static string Decide(string action, string? trackId = null) =>
        trackId is null ? $$"""{"action": "{{action}}"}""" : $$"""{"action": "{{action}}", "spotify_track_id": "{{trackId}}"}""";

    private Task<long> CountAsync(string sql, object? args = null) =>
        Store.ReadAsync(c => c.ExecuteScalarAsync<long>(sql, args), CancellationToken.None);

    private Task<(string? TrackId, string State, string DecidedBy)> LinkAsync(long songId) =>
        Store.ReadAsync(c => c.QuerySingleAsync<(string?, string, string)>(
            "SELECT spotify_track_id, state, decided_by FROM links WHERE song_id = @songId", new { songId }), CancellationToken.None);

    [StoreFact]
    public async Task List_ShowsOnlyTheCallersSongsWaitingForReview_WithDurationsDeltaReasonAndCandidates()
    {
        var alpha = await ReviewSongsAsync(AlphaId, 3, inReview: 2);
        var beta = await ReviewSongsAsync(BetaId, 1, inReview: 1);

        var alphaList = await ReadJsonAsync(await Alpha.GetAsync("/api/reviews/duration-mismatches"));
        var betaList = await ReadJsonAsync(await Beta.GetAsync("/api/reviews/duration-mismatches"));
        var adminList = await ReadJsonAsync(await Admin.GetAsync("/api/reviews/duration-mismatches"));

        Assert.Equal(alpha[..2], alphaList.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("song_id").GetInt64()));
        Assert.Equal(beta, betaList.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("song_id").GetInt64()));
        Assert.Equal([.. alpha[..2], .. beta], adminList.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("song_id").GetInt64()));
        var first = alphaList.GetProperty("items")[0];
        Assert.Equal((200_000, 290_000, 90.0), (first.GetProperty("canonical_duration_ms").GetInt64(), first.GetProperty("linked_duration_ms").GetInt64(),
            first.GetProperty("delta_seconds").GetDouble()));
        Assert.Equal(("review", RematchCase.Ambiguous, "matcher"), (first.GetProperty("state").GetString(), first.GetProperty("reason").GetString(),
            first.GetProperty("decided_by").GetString()));
        Assert.Equal(0.71, first.GetProperty("score").GetDouble());
        var candidate = Assert.Single(first.GetProperty("candidates").EnumerateArray());
        Assert.Equal(0.93, candidate.GetProperty("breakdown").GetProperty("title").GetDouble());
        Assert.Equal(["Artist"], first.GetProperty("artists").EnumerateArray().Select(a => a.GetString()));
    }

    [StoreFact]
    public async Task List_PagesWithACursor()
    {
        var ids = await ReviewSongsAsync(AlphaId, 3, inReview: 3);

        var first = await ReadJsonAsync(await Alpha.GetAsync("/api/reviews/duration-mismatches?limit=2"));
        var second = await ReadJsonAsync(await Alpha.GetAsync($"/api/reviews/duration-mismatches?limit=2&cursor={first.GetProperty("next_cursor").GetString()}"));

        Assert.Equal(ids[..2], first.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("song_id").GetInt64()));
        Assert.Equal([ids[2]], second.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("song_id").GetInt64()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);
    }

    [StoreFact]
    public async Task Keep_KeepsTheLinkAsTheReviewersDecision_AndTheSongLeavesTheList()
    {
        var ids = await ReviewSongsAsync(AlphaId, 2, inReview: 2);
        var before = await LinkAsync(ids[0]);

        var response = await Alpha.PostAsync($"/api/reviews/duration-mismatches/{ids[0]}", Json(Decide("keep")));
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((ids[0], before.TrackId, "linked", "reviewer"), (body.GetProperty("song_id").GetInt64(), body.GetProperty("spotify_track_id").GetString(),
            body.GetProperty("state").GetString(), body.GetProperty("decided_by").GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("reason").ValueKind);
        Assert.Equal((before.TrackId, "linked", "reviewer"), await LinkAsync(ids[0]));
        var list = await ReadJsonAsync(await Alpha.GetAsync("/api/reviews/duration-mismatches"));
        Assert.Equal([ids[1]], list.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("song_id").GetInt64()));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM link_history WHERE song_id = @id AND decided_by = 'reviewer' AND new_state = 'linked'", new { id = ids[0] }));
    }

    [StoreFact]
    public async Task NoEquivalentAndUnlink_RemoveTheLinkWithTheirOwnState()
    {
        var ids = await ReviewSongsAsync(AlphaId, 2, inReview: 2);

        var none = await ReadJsonAsync(await Alpha.PostAsync($"/api/reviews/duration-mismatches/{ids[0]}", Json(Decide("no_equivalent"))));
        var unlinked = await ReadJsonAsync(await Alpha.PostAsync($"/api/reviews/duration-mismatches/{ids[1]}", Json(Decide("unlink"))));

        Assert.Equal(("no_equivalent", JsonValueKind.Null), (none.GetProperty("state").GetString(), none.GetProperty("spotify_track_id").ValueKind));
        Assert.Equal(("unlinked", JsonValueKind.Null), (unlinked.GetProperty("state").GetString(), unlinked.GetProperty("spotify_track_id").ValueKind));
        Assert.Equal((null, "no_equivalent", "reviewer"), await LinkAsync(ids[0]));
        Assert.Equal((null, "unlinked", "reviewer"), await LinkAsync(ids[1]));
    }

    [StoreFact]
    public async Task Keep_OfASongWithoutALink_Is409AndChangesNothing()
    {
        var result = await new CatalogImporter(Store).ImportAsync(new StringReader("title,artists\nJolene,Dolly Parton\n"), false, AlphaId, "main", false, CancellationToken.None);
        var songId = await CountAsync("SELECT id FROM songs WHERE catalog_id = @CatalogId", new { result.CatalogId });

        await AssertProblemAsync(await Alpha.PostAsync($"/api/reviews/duration-mismatches/{songId}", Json(Decide("keep"))), 409);

        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM links"));
    }

    [StoreFact]
    public async Task Accept_ReadsTheTrackFromSpotifyStoresItAndLinksIt()
    {
        var ids = await ReviewSongsAsync(AlphaId, 1, inReview: 1);
        var track = sandbox.Server.Catalog.Tracks[0];
        var requests = sandbox.Server.RequestCount(SandboxEndpoints.Track);

        var response = await Alpha.PostAsync($"/api/reviews/duration-mismatches/{ids[0]}", Json(Decide("accept", track.Id)));
        var body = await ReadJsonAsync(response);

        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal((track.Id, track.DurationMs, "linked", "reviewer"), (body.GetProperty("spotify_track_id").GetString(),
            body.GetProperty("linked_duration_ms").GetInt32(), body.GetProperty("state").GetString(), body.GetProperty("decided_by").GetString()));
        Assert.Equal((track.Id, "linked", "reviewer"), await LinkAsync(ids[0]));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM spotify_tracks WHERE id = @Id", new { track.Id }));
        Assert.Equal(requests + 1, sandbox.Server.RequestCount(SandboxEndpoints.Track));
    }

    [StoreFact]
    public async Task Accept_ATrackSpotifyDoesNotHave_Is422SayingSo_AndChangesNothing()
    {
        var ids = await ReviewSongsAsync(AlphaId, 1, inReview: 1);
        var before = await LinkAsync(ids[0]);

        var problem = await AssertProblemAsync(await Alpha.PostAsync($"/api/reviews/duration-mismatches/{ids[0]}", Json(Decide("accept", UnknownTrack))), 422);

        Assert.Equal("spotify_track_id", problem.GetProperty("field").GetString());
        Assert.Contains("does not exist", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await LinkAsync(ids[0]));
    }

    [StoreFact]
    public async Task AnotherAccountsSong_IsNotFound_AndNeitherChangedNorLookedUpOnSpotify()
    {
        var ids = await ReviewSongsAsync(AlphaId, 1, inReview: 1);
        var before = await LinkAsync(ids[0]);
        var requests = sandbox.Server.RequestCount(SandboxEndpoints.Track);

        foreach (var body in new[] { Decide("keep"), Decide("unlink"), Decide("no_equivalent"), Decide("accept", sandbox.Server.Catalog.Tracks[1].Id) })
        {
            await AssertProblemAsync(await Beta.PostAsync($"/api/reviews/duration-mismatches/{ids[0]}", Json(body)), 404);
        }

        await AssertProblemAsync(await Alpha.PostAsync("/api/reviews/duration-mismatches/99999", Json(Decide("keep"))), 404);
        Assert.Equal(before, await LinkAsync(ids[0]));
        Assert.Equal(requests, sandbox.Server.RequestCount(SandboxEndpoints.Track));
        Assert.Empty((await ReadJsonAsync(await Beta.GetAsync("/api/reviews/duration-mismatches"))).GetProperty("items").EnumerateArray());
    }

    [StoreFact]
    public async Task Decide_WithABadBody_Is400NamingTheField_AndChangesNothing()
    {
        var ids = await ReviewSongsAsync(AlphaId, 1, inReview: 1);
        var before = await LinkAsync(ids[0]);

        foreach (var (body, field) in new[]
        {
            (Decide("maybe"), "action"), ("{}", "action"), (Decide("accept"), "spotify_track_id"), (Decide("keep", UnknownTrack), "spotify_track_id"),
            (Decide("accept", "not-a-spotify-id"), "spotify_track_id"), (Decide("accept", UnknownTrack + "z"), "spotify_track_id"),
            ("""{"action": "keep", "note": "x"}""", "note"),
        })
        {
            var problem = await AssertProblemAsync(await Alpha.PostAsync($"/api/reviews/duration-mismatches/{ids[0]}", Json(body)), 400);
            Assert.True(problem.GetProperty("field").GetString() == field, $"{body}: {problem}");
        }

        Assert.Equal(before, await LinkAsync(ids[0]));
    }

    /// <summary>
    /// <paramref name="count"/> linked songs of the account (200 s canonical, 290 s linked), the first
    /// <paramref name="inReview"/> of them put in review by the matcher with a candidate and its score breakdown.
    /// </summary>
    protected async Task<long[]> ReviewSongsAsync(long accountId, int count, int inReview)
    {
        var offset = accountId * 100;
        var lines = Enumerable.Range(0, count).Select(i => $"Song {offset + i},Artist,,,200000,{(offset + i).ToString("D22", CultureInfo.InvariantCulture)}");
        var result = await new CatalogImporter(Store).ImportAsync(new StringReader(string.Join('\n', ["title,artists,album,isrc,duration_ms,spotify_track_id", .. lines])),
            false, accountId, "main", false, CancellationToken.None);
        var ids = (await Store.ReadAsync(c => c.QueryAsync<long>("SELECT id FROM songs WHERE catalog_id = @CatalogId ORDER BY id", new { result.CatalogId }), CancellationToken.None)).ToArray();
        for (var i = 0; i < count; i++)
        {
            var track = (offset + i).ToString("D22", CultureInfo.InvariantCulture);
            await Store.SetTrackDurationAsync(ids[i], track, 290_000, CancellationToken.None);
            if (i < inReview)
            {
                await Store.ApplyLinkChangeAsync(new LinkChange(ids[i], track, 290_000, "review", RematchCase.Ambiguous, "matcher")
                {
                    Score = 0.71,
                    Breakdown = """{"title": 0.93, "artists": 1.0, "duration": 0.2}""",
                    Candidates = $$$"""[{"id": "{{{track}}}", "name": "Song", "score": 0.71, "breakdown": {"title": 0.93, "artists": 1.0, "duration": 0.2}}]""",
                    MatcherVersion = "test",
                }, CancellationToken.None);
            }
        }

        return ids;
    }
}

public sealed class SqliteReviewsApiTests(ReviewsApiCompliance.SpotifySandbox sandbox)
    : ReviewsApiCompliance(sandbox), IClassFixture<ReviewsApiCompliance.SpotifySandbox>
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresReviewsApiTests(ReviewsApiCompliance.SpotifySandbox sandbox)
    : ReviewsApiCompliance(sandbox), IClassFixture<ReviewsApiCompliance.SpotifySandbox>, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}

/// <summary>A server without Spotify credentials: accepting a track is 503 naming the settings; the other decisions still work.</summary>
public abstract class ReviewsWithoutSpotifyCompliance : ApiTestBase
{
    [StoreFact]
    public async Task Accept_WhenSpotifyIsNotConfigured_Is503NamingTheMissingSettings_AndChangesNothing()
    {
        var result = await new CatalogImporter(Store).ImportAsync(
            new StringReader("title,artists,spotify_track_id\nSong,Artist,3n3Ppam7vgaVa1iaRUc9Lp\n"), false, AlphaId, "main", false, CancellationToken.None);
        var songId = await Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT id FROM songs WHERE catalog_id = @CatalogId", new { result.CatalogId }), CancellationToken.None);

        var problem = await AssertProblemAsync(await Alpha.PostAsync($"/api/reviews/duration-mismatches/{songId}",
            Json("""{"action": "accept", "spotify_track_id": "3JXb8nG5MNRdIvs6ahkkOQ"}""")), 503);
        var kept = await ReadJsonAsync(await Alpha.PostAsync($"/api/reviews/duration-mismatches/{songId}", Json("""{"action": "keep"}""")));

        Assert.Equal(["Providers:Spotify:ClientId", "Providers:Spotify:ClientSecret"], problem.GetProperty("missing_settings").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("Providers:Spotify:ClientId", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(("3n3Ppam7vgaVa1iaRUc9Lp", "reviewer"), (kept.GetProperty("spotify_track_id").GetString(), kept.GetProperty("decided_by").GetString()));
    }
}

public sealed class SqliteReviewsWithoutSpotifyTests : ReviewsWithoutSpotifyCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresReviewsWithoutSpotifyTests : ReviewsWithoutSpotifyCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
