using Dapper;
using Refrain.Catalog;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Catalog;

/// <summary>Importing catalogs on both databases: keys, idempotence, duplicates, reviewer decisions, refresh jobs.</summary>
public abstract class CatalogImportCompliance : StoreTestBase
{
    private const string Header = "title,artists,album,isrc,duration_ms,spotify_track_id,musicbrainz_recording_id,release_date";
    private const string Killers = "Mr. Brightside,The Killers,Hot Fuss,USIR20400274,222075,3n3Ppam7vgaVa1iaRUc9Lp,,2004";
    private const string Chemical = "Hey Boy Hey Girl,The Chemical Brothers,Surrender,GBAAA9900303,,3JXb8nG5MNRdIvs6ahkkOQ,,1999-06-21";
    private const string NoIsrc = "Jolene,Dolly Parton,Jolene,,161000,,,";

    private Task<ImportResult> ImportAsync(bool skipInvalid = false, params string[] lines) =>
        new CatalogImporter(Store).ImportAsync(new StringReader(string.Join('\n', [Header, .. lines])), false, 1, "main", skipInvalid, CancellationToken.None);

    private Task<long> CountAsync(string sql) => Store.ReadAsync(c => c.ExecuteScalarAsync<long>(sql), CancellationToken.None);

    [StoreFact]
    public async Task Import_NewRows_CreatesSongsLinksAndRefreshJobs()
    {
        var result = await ImportAsync(false, Killers, Chemical, NoIsrc);

        Assert.True(result.Imported);
        Assert.Equal((3, 0, 2), (result.SongsInserted, result.SongsUpdated, result.LinksWritten));
        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM songs"));
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM link_history"));
        // Chemical has no duration (MusicBrainz refresh); both links lack a track duration (Spotify refresh).
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM jobs WHERE job_type = 'refresh_recording'"));
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM jobs WHERE job_type = 'refresh_link'"));
    }

    [StoreFact]
    public async Task Import_TheSameFileAgain_ChangesNothing()
    {
        await ImportAsync(false, Killers, Chemical, NoIsrc);
        var songsBefore = await Store.ReadAsync(c => c.QueryAsync<(long, long)>("SELECT id, updated_at FROM songs ORDER BY id"), CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(1));

        var again = await ImportAsync(false, Killers, Chemical, NoIsrc);

        Assert.Equal((0, 0, 3, 0), (again.SongsInserted, again.SongsUpdated, again.SongsUnchanged, again.LinksWritten));
        Assert.Equal(songsBefore, await Store.ReadAsync(c => c.QueryAsync<(long, long)>("SELECT id, updated_at FROM songs ORDER BY id"), CancellationToken.None));
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM link_history"));
    }

    [StoreFact]
    public async Task Import_DuplicateRowsInOneFile_CountAsDuplicates()
    {
        var result = await ImportAsync(false, Killers, Killers.Replace("Mr. Brightside", "Mr Brightside", StringComparison.Ordinal), NoIsrc, "JOLENE ,dolly parton,jolene,,161000,,,");

        Assert.Equal((4, 2, 2), (result.Rows, result.Duplicates, result.SongsInserted));
    }

    [StoreFact]
    public async Task Import_WithAnInvalidRow_WritesNothingAndListsErrors()
    {
        var result = await ImportAsync(false, Killers, "Bad,The Killers,,,-1,,,", NoIsrc);

        Assert.False(result.Imported);
        Assert.Equal(3, Assert.Single(result.Errors).Line);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM songs"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM catalogs"));
    }

    [StoreFact]
    public async Task Import_SkipInvalid_ImportsTheValidRows()
    {
        var result = await ImportAsync(true, Killers, "Bad,The Killers,,,-1,,,", NoIsrc);

        Assert.True(result.Imported);
        Assert.Equal((2, 1), (result.SongsInserted, result.Invalid));
    }

    [StoreFact]
    public async Task Import_ListsAtMostTwentyErrors()
    {
        var result = await ImportAsync(false, Enumerable.Range(0, 30).Select(i => $"Bad {i},A,,,x,,,").ToArray());

        Assert.Equal((30, 20), (result.Invalid, result.Errors.Count));
    }

    [StoreFact]
    public async Task Import_NeverTouchesAReviewersDecision()
    {
        await ImportAsync(false, Killers);
        await Store.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE links SET decided_by = 'reviewer', spotify_track_id = '0000000000000000000001'", transaction: tx), CancellationToken.None);

        var result = await ImportAsync(false, Killers);

        Assert.Equal(1, result.LinksKeptForReviewer);
        Assert.Equal("0000000000000000000001", await Store.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT spotify_track_id FROM links"), CancellationToken.None));
    }

    [StoreFact]
    public async Task Import_ChangedLink_IsRecordedInTheHistory()
    {
        await ImportAsync(false, Killers);

        var result = await ImportAsync(false, Killers.Replace("3n3Ppam7vgaVa1iaRUc9Lp", "7oK9VyNzrYvRFo7nQEYkWN", StringComparison.Ordinal));

        Assert.Equal(1, result.LinksWritten);
        var last = await Store.ReadAsync(c => c.QuerySingleAsync<(string? Old, string New)>(
            "SELECT old_track_id, new_track_id FROM link_history ORDER BY id DESC LIMIT 1"), CancellationToken.None);
        Assert.Equal(("3n3Ppam7vgaVa1iaRUc9Lp", "7oK9VyNzrYvRFo7nQEYkWN"), last);
    }

    [StoreFact]
    public async Task Import_ALargeFile_TakesTheBulkPath_WithTheSameResults()
    {
        // 6,000 rows: several JSON batches on SQLite, one staged COPY on PostgreSQL; every 3rd row without a link.
        static string Row(int i, string track) => $"Song {i},Artist {i % 97};Guest,Album {i / 10},QZLRG{i:D7},{180_000 + i},{(i % 3 == 0 ? "" : track)},,2020";
        var rows = Enumerable.Range(1, 6000).Select(i => Row(i, $"{i:D22}")).ToArray();

        var first = await ImportAsync(false, rows);
        await Store.WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE links SET decided_by = 'reviewer', spotify_track_id = '0000000000000000000001' WHERE song_id IN (SELECT id FROM songs WHERE title = 'Song 2')",
            transaction: tx), CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(1));
        var again = await ImportAsync(false, rows);
        var changed = await ImportAsync(false, [.. rows.Take(10).Select((_, i) => Row(i + 1, $"X{i + 1:D21}")), .. rows.Skip(10)]);

        Assert.Equal((6000, 4000, 0), (first.SongsInserted, first.LinksWritten, first.LinksKeptForReviewer));
        Assert.Equal(601, await CountAsync("SELECT COUNT(*) FROM albums"));
        Assert.Equal(4000, await CountAsync("SELECT COUNT(*) FROM links"));
        Assert.Equal("[\"Artist 1\",\"Guest\"]", await Store.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT artists FROM songs WHERE title = 'Song 1'"), CancellationToken.None));
        Assert.Equal((0, 0, 6000, 0, 1), (again.SongsInserted, again.SongsUpdated, again.SongsUnchanged, again.LinksWritten, again.LinksKeptForReviewer));
        // Rows 1-10 changed their track: 3, 6 and 9 have none, 2 is the reviewer's; 6 links rewritten, each in the history.
        Assert.Equal((6, 1), (changed.LinksWritten, changed.LinksKeptForReviewer));
        Assert.Equal(4006, await CountAsync("SELECT COUNT(*) FROM link_history"));
        Assert.Equal("0000000000000000000001", await Store.ReadAsync(c => c.ExecuteScalarAsync<string>(
            "SELECT l.spotify_track_id FROM links l JOIN songs s ON s.id = l.song_id WHERE s.title = 'Song 2'"), CancellationToken.None));
    }
}

public sealed class SqliteCatalogImportTests : CatalogImportCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresCatalogImportTests : CatalogImportCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
