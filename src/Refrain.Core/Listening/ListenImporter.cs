using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Threading.Channels;
using Refrain.Storage;

namespace Refrain.Listening;

/// <summary>
/// Imports Spotify listening-history files (extended or account data, bare or inside the export's zip) for one listener.
/// Each file is streamed and stored in one transaction, so a file that fails stores nothing.
/// </summary>
public sealed class ListenImporter(RefrainStore store)
{
    /// <summary>Rows per statement: large enough that the round trips vanish, small enough to keep memory flat.</summary>
    internal const int BatchSize = 5000;

    /// <summary>The most a zip may expand to; a real export is a few hundred megabytes.</summary>
    public long MaxExpandedBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Imports one file and records it as an upload (<c>listen_uploads</c>): <c>running</c> first, then <c>succeeded</c> with
    /// its counts or <c>failed</c> with the error. <paramref name="fileName"/> is the name to show (an HTTP upload's own name
    /// rather than its temporary file's).
    /// </summary>
    public async Task<(long UploadId, ListenFileResult File)> ImportRecordedAsync(long listenerId, string path, string? fileName, CancellationToken cancellationToken)
    {
        var name = fileName ?? Path.GetFileName(path);
        var bytes = File.Exists(path) ? new FileInfo(path).Length : 0;
        var uploadId = await store.StartListenUploadAsync(listenerId, name, bytes, cancellationToken);
        ListenFileResult result;
        try
        {
            result = await ImportAsync(listenerId, path, name, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The import rolled back: the upload ends failed rather than running forever.
            await store.FinishListenUploadAsync(uploadId, new ListenCounts(), "cancelled before it finished; nothing stored", CancellationToken.None);
            throw;
        }

        await store.FinishListenUploadAsync(uploadId, result.Counts, result.Error, CancellationToken.None);
        return (uploadId, result);
    }

    public Task<ListenFileResult> ImportAsync(long listenerId, string path, CancellationToken cancellationToken) =>
        ImportAsync(listenerId, path, Path.GetFileName(path), cancellationToken);

    private async Task<ListenFileResult> ImportAsync(long listenerId, string path, string name, CancellationToken cancellationToken)
    {
        var counts = new ListenCounts();
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            var batches = IsZip(file) ? ZipBatchesAsync(file, counts, cancellationToken) : BatchesAsync(file, counts, cancellationToken);
            var (accepted, imported) = await PipelineAsync(listenerId, batches, cancellationToken);
            counts.Imported = imported;
            counts.Duplicate = accepted - imported;
            return new ListenFileResult(name, counts, null);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : "";
            return new ListenFileResult(name, new ListenCounts(), $"not a JSON array of plays{where}: {ex.Message}");
        }
        catch (Exception ex) when (ex is ListenFileException or ListenerGoneException)
        {
            return new ListenFileResult(name, new ListenCounts(), ex.Message);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return new ListenFileResult(name, new ListenCounts(), ex.Message);
        }
    }

    /// <summary>
    /// Parses the next batches on another thread while the database writes the current one (on two cores the two halves
    /// overlap instead of adding up); a parse failure ends the write, which then rolls back.
    /// </summary>
    private async Task<(long Accepted, long Imported)> PipelineAsync(long listenerId, IAsyncEnumerable<IReadOnlyList<PlayRow>> batches, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<IReadOnlyList<PlayRow>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var accepted = 0L;
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in batches.WithCancellation(stop.Token))
                {
                    accepted += batch.Count;
                    await channel.Writer.WriteAsync(batch, stop.Token);
                }

                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex);
            }
        }, CancellationToken.None);
        try
        {
            var imported = await store.StorePlaysAsync(listenerId, channel.Reader.ReadAllAsync(cancellationToken), cancellationToken);
            await producer;
            return (accepted, imported);
        }
        catch (ChannelClosedException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }

    private static bool IsZip(FileStream file)
    {
        Span<byte> head = stackalloc byte[4];
        var read = file.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4;
    }

    /// <summary>The history files of an export; others (video, user data, the readme) are skipped.</summary>
    internal static bool IsHistoryEntry(string fileName) =>
        fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        && (fileName.StartsWith("Streaming_History_Audio_", StringComparison.OrdinalIgnoreCase)
            || fileName.StartsWith("endsong", StringComparison.OrdinalIgnoreCase)
            || fileName.StartsWith("StreamingHistory", StringComparison.OrdinalIgnoreCase));

    private async IAsyncEnumerable<IReadOnlyList<PlayRow>> ZipBatchesAsync(FileStream file, ListenCounts counts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var zip = await ZipArchive.CreateAsync(file, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        var entries = zip.Entries.Where(e => IsHistoryEntry(Path.GetFileName(e.FullName))).OrderBy(e => e.FullName, StringComparer.Ordinal).ToList();
        if (entries.Count == 0)
        {
            throw new ListenFileException("the zip holds no streaming history files (Streaming_History_Audio_*.json, endsong_*.json, StreamingHistory*.json)");
        }

        if (entries.Sum(e => e.Length) > MaxExpandedBytes)
        {
            throw new ListenFileException($"the export expands to more than {MaxExpandedBytes} bytes");
        }

        var remaining = MaxExpandedBytes;
        foreach (var entry in entries)
        {
            await using var bounded = new BoundedReadStream(await entry.OpenAsync(cancellationToken), remaining);
            await foreach (var batch in BatchesAsync(bounded, counts, cancellationToken))
            {
                yield return batch;
            }

            remaining -= bounded.Consumed;
        }
    }

    private static async IAsyncEnumerable<IReadOnlyList<PlayRow>> BatchesAsync(Stream stream, ListenCounts counts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        HistoryFormat? format = null;
        var batch = new List<PlayRow>(BatchSize);
        var index = 0;
        var known = new PlayNames();
        await foreach (var row in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, cancellationToken: cancellationToken))
        {
            index++;
            if (row.ValueKind != JsonValueKind.Object)
            {
                throw new ListenFileException($"item {index} is not a play object ({row.ValueKind})");
            }

            format ??= PlayParser.Detect(row) ?? throw new ListenFileException(
                "not a streaming history file: the first object has neither 'ts'/'ms_played' (extended) nor 'endTime'/'msPlayed' (account data)");
            var outcome = PlayParser.Parse(row, format.Value, known, out var play);
            if (outcome != PlayOutcome.Accepted)
            {
                counts.Count(outcome);
                continue;
            }

            batch.Add(play!);
            if (batch.Count == BatchSize)
            {
                yield return batch;
                batch = new List<PlayRow>(BatchSize);
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
