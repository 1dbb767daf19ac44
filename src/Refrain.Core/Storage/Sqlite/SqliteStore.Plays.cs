using System.Data.Common;
using System.Text.Json;
using Dapper;
using Refrain.Listening;

namespace Refrain.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <summary>
    /// Page cache of the writer connection while a file imports. Each play lands at a random place of <c>plays_same</c>
    /// (its name hash); with the 2 MB default the index pages keep leaving the cache and every insert reads them back from
    /// the operating system. 32 MB holds most of that index for a million plays and keeps the import's process under
    /// 300 MB (64 MB measured just over it).
    /// </summary>
    private const int ImportCacheKib = 32 * 1024;

    /// <summary>Plays batch by batch from JSON rows, each batch merged in one statement.</summary>
    private protected override async Task<long> WritePlaysAsync(DbConnection c, DbTransaction tx, long listenerId,
        IAsyncEnumerable<IReadOnlyList<PlayRow>> batches, long now, CancellationToken cancellationToken)
    {
        var sql = SqliteListeningSql.Statements.InsertPlays;
        var cacheSize = await c.ExecuteScalarAsync<long>(Command("PRAGMA cache_size", null, tx, cancellationToken));
        await c.ExecuteAsync(Command($"PRAGMA cache_size = -{ImportCacheKib}", null, tx, cancellationToken));
        try
        {
            var inserted = 0L;
            await foreach (var batch in batches.WithCancellation(cancellationToken))
            {
                inserted += await c.ExecuteAsync(Command(sql, new { listener = listenerId, rows = RowsJson(batch), now }, tx, cancellationToken));
            }

            return inserted;
        }
        finally
        {
            // The writer connection lives as long as the store: give the memory back once the import is over.
            await c.ExecuteAsync(Command($"PRAGMA cache_size = {cacheSize}", null, tx, CancellationToken.None));
        }
    }

    /// <summary>
    /// The batch as a JSON array of arrays in the column order of <see cref="SqliteListeningSql"/>: positions read faster
    /// than member names, and writing by hand skips reflection.
    /// </summary>
    private static string RowsJson(IReadOnlyList<PlayRow> batch)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(batch.Count * 200);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var p in batch)
            {
                w.WriteStartArray();
                w.WriteStringValue(p.IngestKey);
                w.WriteStringValue(p.Artist);
                w.WriteStringValue(p.Title);
                Text(w, p.Album);
                w.WriteStringValue(p.NormArtist);
                w.WriteStringValue(p.NormTitle);
                w.WriteNumberValue(p.NameKey);
                w.WriteNumberValue(p.PlayedAt);
                w.WriteNumberValue(p.MsPlayed);
                w.WriteStringValue(p.Source);
                w.WriteNumberValue(p.PrecisionMs);
                Text(w, p.SpotifyTrackId);
                w.WriteEndArray();
            }

            w.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);

        static void Text(Utf8JsonWriter w, string? value)
        {
            if (value is null)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteStringValue(value);
            }
        }
    }
}
