using Npgsql;
using NpgsqlTypes;
using Refrain.Listening;

namespace Refrain.Storage.Postgres;

/// <summary>
/// PostgreSQL's bulk path for plays: every batch is COPYed (binary, one COPY) into a temporary table dropped at commit,
/// then one INSERT merges all of them, so the rows cross the wire once and the planner sees the whole file at once.
/// </summary>
internal static class PostgresPlayCopy
{
    public const string CreateStaging =
        "CREATE TEMP TABLE play_rows (k text COLLATE \"C\", a text, t text, al text, na text, nt text, nk bigint, at bigint, ms bigint, s text, pr int, tid text) ON COMMIT DROP";

    private const string Copy = "COPY play_rows (k, a, t, al, na, nt, nk, at, ms, s, pr, tid) FROM STDIN (FORMAT BINARY)";

    /// <summary>The planner has no statistics for a fresh temporary table; without them it guesses a few rows.</summary>
    public const string Analyze = "ANALYZE play_rows";

    public static readonly string Insert = ListeningSql.InsertFrom("play_rows AS r");

    /// <summary>
    /// Every batch in one COPY: the server stores rows while the client encodes the next ones (a COPY per batch made each
    /// wait for the other). A failing source ends the COPY unfinished, which aborts it.
    /// </summary>
    public static async Task WriteAsync(NpgsqlConnection connection, IAsyncEnumerable<IReadOnlyList<PlayRow>> batches, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        await foreach (var batch in batches.WithCancellation(cancellationToken))
        {
            foreach (var p in batch)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(p.IngestKey, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(p.Artist, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(p.Title, NpgsqlDbType.Text, cancellationToken);
                await TextAsync(copy, p.Album, cancellationToken);
                await copy.WriteAsync(p.NormArtist, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(p.NormTitle, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(p.NameKey, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(p.PlayedAt, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(p.MsPlayed, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(p.Source, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(p.PrecisionMs, NpgsqlDbType.Integer, cancellationToken);
                await TextAsync(copy, p.SpotifyTrackId, cancellationToken);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static Task TextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
}
