using System.Data.Common;
using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Refrain.Catalog;

namespace Refrain.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>Below this many rows the JSON batches are as quick as staging.</summary>
    private const int StagingThreshold = EnqueueChunk;

    /// <summary>
    /// A large import COPYs its rows (binary) into a temporary table dropped at commit, then runs each step once over all of
    /// them: the rows cross the wire once instead of once per statement per batch.
    /// </summary>
    private protected override async Task<(CatalogSql Sql, IEnumerable<(IReadOnlyList<CatalogRow> Rows, object Args)> Batches)> StageImportAsync(
        DbConnection c, DbTransaction tx, IReadOnlyList<CatalogRow> rows, ImportArgs args, CancellationToken cancellationToken)
    {
        if (rows.Count < StagingThreshold)
        {
            return await base.StageImportAsync(c, tx, rows, args, cancellationToken);
        }

        var connection = (NpgsqlConnection)c;
        await c.ExecuteAsync(Command(PostgresCatalogSql.CreateStaging, null, tx, cancellationToken));
        await using (var copy = await connection.BeginBinaryImportAsync(PostgresCatalogSql.CopyStaging, cancellationToken))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(row.SongKey, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.Title, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(JsonSerializer.Serialize(row.Artists), NpgsqlDbType.Text, cancellationToken);
                await WriteAsync(copy, row.Album, cancellationToken);
                await WriteAsync(copy, row.AlbumKey, cancellationToken);
                await WriteAsync(copy, row.Isrc, cancellationToken);
                if (row.DurationMs is { } duration)
                {
                    await copy.WriteAsync((long)duration, NpgsqlDbType.Bigint, cancellationToken);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken);
                }

                await WriteAsync(copy, row.MusicBrainzRecordingId, cancellationToken);
                await WriteAsync(copy, row.ReleaseDate, cancellationToken);
                await WriteAsync(copy, row.SpotifyTrackId, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        // The planner has no statistics for a fresh temporary table; without them it guesses a few rows and picks nested loops.
        await c.ExecuteAsync(Command("ANALYZE import_rows", null, tx, cancellationToken));
        return (PostgresCatalogSql.Staged, [(rows, args)]);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
}
