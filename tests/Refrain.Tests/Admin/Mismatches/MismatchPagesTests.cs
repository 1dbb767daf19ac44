using System.Globalization;
using System.Net;
using Dapper;
using Refrain.Catalog;
using Refrain.Rematch;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Rematch;

namespace Refrain.Tests.Admin.Mismatches;

/// <summary>
/// Issue 7, <c>/admin/duration-mismatches</c> over real HTTP on both databases, Spotify pointed at a sandbox: the open list
/// with durations, delta and reason; the detail page's candidates side by side with their breakdowns; each decision made
/// as the reviews API makes it; the forms' antiforgery and unknown songs.
/// </summary>
public abstract class MismatchPagesCompliance(ReviewsApiCompliance.SpotifySandbox sandbox) : ApiTestBase
{
    protected override Dictionary<string, string?> Settings => SandboxSettings.Spotify(sandbox.Server);

    private Task<(string? TrackId, string State, string DecidedBy)> LinkAsync(long songId) =>
        Store.ReadAsync(c => c.QuerySingleAsync<(string?, string, string)>(
            "SELECT spotify_track_id, state, decided_by FROM links WHERE song_id = @songId", new { songId }), CancellationToken.None);

    private static Dictionary<string, string> Decision(string decision, string? trackId = null) =>
        trackId is null ? new() { ["decision"] = decision } : new() { ["decision"] = decision, ["trackId"] = trackId };

    [StoreFact]
    public async Task List_ShowsTheOpenItem_WithSongDurationsDeltaAndReason_AndFiltersByReasonAndCatalog()
    {
        var ids = await ReviewSongsAsync("main", 2, inReview: 1);
        var other = await ReviewSongsAsync("other", 1, inReview: 1);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var text = AdminClient.Text(await admin.GetPageAsync("/admin/duration-mismatches"));
        var byReason = AdminClient.Text(await admin.GetPageAsync($"/admin/duration-mismatches?reason={RematchCase.BelowFloor}"));
        var catalogId = await Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT catalog_id FROM songs WHERE id = @id", new { id = other[0] }), CancellationToken.None);
        var byCatalog = AdminClient.Text(await admin.GetPageAsync($"/admin/duration-mismatches?catalog={catalogId}"));

        Assert.Contains("Song main 0 Artist USRF10000100 main 3:20.0 4:50.0 90.0 s ambiguous 0.7100", text, StringComparison.Ordinal);
        Assert.Contains("Song other 0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Song main 1", text, StringComparison.Ordinal);
        Assert.Contains($"href=\"/admin/duration-mismatches/{ids[0]}\"", await admin.GetPageAsync("/admin/duration-mismatches"), StringComparison.Ordinal);
        Assert.DoesNotContain("Song main 0", byReason, StringComparison.Ordinal);
        Assert.Contains("Song other 0", byCatalog, StringComparison.Ordinal);
        Assert.DoesNotContain("Song main 0", byCatalog, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task List_PagesByFifty_WithANextLink()
    {
        var ids = await ReviewSongsAsync("main", 51, inReview: 51);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var first = await admin.GetPageAsync("/admin/duration-mismatches");
        var second = AdminClient.Text(await admin.GetPageAsync($"/admin/duration-mismatches?after={ids[49]}"));

        Assert.Contains($"/admin/duration-mismatches?after={ids[49]}", first, StringComparison.Ordinal);
        Assert.DoesNotContain($"/admin/duration-mismatches/{ids[50]}\"", first, StringComparison.Ordinal);
        Assert.Contains("Song main 50", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Song main 49 ", second, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Detail_ShowsBothCandidates_WithEveryComponentOfTheirScores_AndTheFloor()
    {
        var ids = await ReviewSongsAsync("main", 1, inReview: 1);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var html = await admin.GetPageAsync($"/admin/duration-mismatches/{ids[0]}");
        var text = AdminClient.Text(html);

        Assert.Contains("Linked Take (linked) Other Take", text, StringComparison.Ordinal);
        Assert.Contains("ISRC 0.3500 0.0000", text, StringComparison.Ordinal);
        Assert.Contains("Title 0.2500 0.2000", text, StringComparison.Ordinal);
        Assert.Contains("Artists 0.2000 0.1800", text, StringComparison.Ordinal);
        Assert.Contains("Duration 0.0000 0.2000", text, StringComparison.Ordinal);
        Assert.Contains("Version penalty 0.0000 -0.2000", text, StringComparison.Ordinal);
        Assert.Contains("Total 0.8000 0.3800", text, StringComparison.Ordinal);
        Assert.Contains("Against floor above 0.5500 below 0.5500", text, StringComparison.Ordinal);
        Assert.Contains("Lead over next 0.4200", text, StringComparison.Ordinal);
        Assert.Contains(sandbox.Server.Catalog.Tracks[0].Id, html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("value=\"accept\"").Length - 1);
    }

    [StoreFact]
    public async Task Accept_RelinksToTheCandidate_AsTheReviewer_AndTheItemMovesToResolved()
    {
        var ids = await ReviewSongsAsync("main", 1, inReview: 1);
        var track = sandbox.Server.Catalog.Tracks[0];
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        using var response = await admin.PostFormAsync($"/admin/duration-mismatches/{ids[0]}", Decision("accept", track.Id));
        var listHtml = await admin.GetPageAsync("/admin/duration-mismatches");
        var list = AdminClient.Text(listHtml);
        var resolved = AdminClient.Text(await admin.GetPageAsync("/admin/duration-mismatches?resolved=true"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/duration-mismatches", response.Headers.Location?.OriginalString);
        Assert.Equal((track.Id, "linked", "reviewer"), await LinkAsync(ids[0]));
        Assert.Contains($"is now linked to {track.Id}", list, StringComparison.Ordinal);
        Assert.DoesNotContain($"/admin/duration-mismatches/{ids[0]}\"", listHtml, StringComparison.Ordinal);
        Assert.Contains("Song main 0", resolved, StringComparison.Ordinal);
        Assert.Contains("ambiguous linked reviewer accepted", resolved, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task KeepNoEquivalentAndUnlink_ResolveAsTheApiWould()
    {
        var ids = await ReviewSongsAsync("main", 3, inReview: 3);
        var kept = await LinkAsync(ids[0]);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        using var keep = await admin.PostFormAsync($"/admin/duration-mismatches/{ids[0]}", Decision("keep"));
        using var none = await admin.PostFormAsync($"/admin/duration-mismatches/{ids[1]}", Decision("no_equivalent"));
        using var unlink = await admin.PostFormAsync($"/admin/duration-mismatches/{ids[2]}", Decision("unlink"));

        Assert.All([keep, none, unlink], r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal((kept.TrackId, "linked", "reviewer"), await LinkAsync(ids[0]));
        Assert.Equal((null, "no_equivalent", "reviewer"), await LinkAsync(ids[1]));
        Assert.Equal((null, "unlinked", "reviewer"), await LinkAsync(ids[2]));
        Assert.DoesNotContain("/admin/duration-mismatches/", await admin.GetPageAsync("/admin/duration-mismatches"), StringComparison.Ordinal);
        var resolved = AdminClient.Text(await admin.GetPageAsync("/admin/duration-mismatches?resolved=true"));
        Assert.Contains("linked reviewer kept", resolved, StringComparison.Ordinal);
        Assert.Contains("no_equivalent reviewer: no equivalent", resolved, StringComparison.Ordinal);
        Assert.Contains("unlinked reviewer unlinked", resolved, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Decision_WithoutAntiforgeryToken_Is400_AndChangesNothing()
    {
        var ids = await ReviewSongsAsync("main", 1, inReview: 1);
        var before = await LinkAsync(ids[0]);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        using var response = await admin.PostRawAsync($"/admin/duration-mismatches/{ids[0]}", Decision("unlink"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await LinkAsync(ids[0]));
    }

    [StoreFact]
    public async Task UnknownSong_Is404_ForThePageAndItsForms()
    {
        var ids = await ReviewSongsAsync("main", 1, inReview: 1);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);
        var token = AdminClient.Token(await admin.GetPageAsync($"/admin/duration-mismatches/{ids[0]}"));

        using var page = await admin.GetAsync("/admin/duration-mismatches/999999");
        using var post = await admin.PostRawAsync("/admin/duration-mismatches/999999", [new("decision", "unlink"), new("__af", token)]);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    /// <summary>
    /// <paramref name="count"/> linked songs of alpha's catalog <paramref name="catalog"/> (200 s canonical, 290 s linked), the
    /// first <paramref name="inReview"/> put in review by the matcher with two candidates: the linked track and a sandbox track.
    /// </summary>
    private async Task<long[]> ReviewSongsAsync(string catalog, int count, int inReview)
    {
        var offset = catalog == "main" ? 100 : 500;
        static string Isrc(string catalog, int i) => "USRF1" + ((catalog == "main" ? 100 : 500) + i).ToString("D7", CultureInfo.InvariantCulture);
        string Track(int i) => (offset + i).ToString("D22", CultureInfo.InvariantCulture);
        var lines = Enumerable.Range(0, count).Select(i => $"Song {catalog} {i},Artist,,{Isrc(catalog, i)},200000,{Track(i)}");
        var result = await new CatalogImporter(Store).ImportAsync(new StringReader(string.Join('\n', ["title,artists,album,isrc,duration_ms,spotify_track_id", .. lines])),
            false, AlphaId, catalog, false, CancellationToken.None);
        var ids = (await Store.ReadAsync(c => c.QueryAsync<long>("SELECT id FROM songs WHERE catalog_id = @CatalogId ORDER BY id", new { result.CatalogId }), CancellationToken.None)).ToArray();
        var other = sandbox.Server.Catalog.Tracks[0].Id;
        for (var i = 0; i < count; i++)
        {
            await Store.SetTrackDurationAsync(ids[i], Track(i), 290_000, CancellationToken.None);
            if (i < inReview)
            {
                await Store.ApplyLinkChangeAsync(new LinkChange(ids[i], Track(i), 290_000, "review", RematchCase.Ambiguous, "matcher")
                {
                    Score = 0.71,
                    Breakdown = """{"isrc": 0.35, "title": 0.25, "artists": 0.2, "duration": 0, "album": 0, "version_penalty": 0, "total": 0.8}""",
                    Candidates = $$$"""
                        [{"spotify_track_id": "{{{Track(i)}}}", "name": "Linked Take", "artists": ["Artist"], "duration_ms": 290000, "score": 0.8,
                          "breakdown": {"isrc": 0.35, "title": 0.25, "artists": 0.2, "duration": 0, "album": 0, "version_penalty": 0, "total": 0.8}},
                         {"spotify_track_id": "{{{other}}}", "name": "Other Take", "artists": ["Artist", "Guest"], "duration_ms": 201000, "score": 0.38,
                          "breakdown": {"isrc": 0, "title": 0.2, "artists": 0.18, "duration": 0.2, "album": 0, "version_penalty": -0.2, "total": 0.38}}]
                        """,
                    MatcherVersion = "test",
                }, CancellationToken.None);
            }
        }

        return ids;
    }
}

public sealed class SqliteMismatchPagesTests(ReviewsApiCompliance.SpotifySandbox sandbox)
    : MismatchPagesCompliance(sandbox), IClassFixture<ReviewsApiCompliance.SpotifySandbox>
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresMismatchPagesTests(ReviewsApiCompliance.SpotifySandbox sandbox)
    : MismatchPagesCompliance(sandbox), IClassFixture<ReviewsApiCompliance.SpotifySandbox>, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
