using System.Text;
using System.Text.Json;

namespace Refrain.Catalog;

/// <summary>
/// Reads an upload's body as it arrives, never holding the whole of it: a JSON array of song objects, or CSV with a header.
/// Songs are gathered into batches that <see cref="CatalogFileReader"/> validates exactly as it does a file for
/// <c>refrain catalog import</c>, so the API and the CLI accept the same rows and say the same things about the rest.
/// </summary>
internal static class CatalogUploadReader
{
    /// <summary>Songs per batch handed to <see cref="CatalogFileReader"/>: bounds the text held besides the parsed rows.</summary>
    private const int BatchSize = 2000;

    /// <summary>
    /// A JSON array of song objects. An error's line is the song's position in the array (1 for the first). A member that
    /// is not a catalog column refuses the whole upload, naming it.
    /// </summary>
    public static async Task<CatalogUpload> ReadJsonAsync(Stream body, CancellationToken cancellationToken)
    {
        var upload = new CatalogUpload();
        var batch = new StringBuilder();
        var count = 0;
        var batchStart = 0;
        try
        {
            await foreach (var song in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, cancellationToken: cancellationToken))
            {
                count++;
                if (song.ValueKind == JsonValueKind.Object && UnknownMember(song) is { } unknown)
                {
                    throw new CatalogUploadException(unknown,
                        $"song {count}: unknown member '{unknown}' (members: {string.Join(", ", CatalogFileReader.Columns)})");
                }

                // Each song becomes one line for the reader. JSON strings cannot hold raw line breaks, so a song's own text
                // spans lines only when pretty-printed; re-serialising writes it compact.
                var text = song.GetRawText();
                batch.Append(text.AsSpan().ContainsAny('\r', '\n') ? JsonSerializer.Serialize(song) : text).Append('\n');
                if (count - batchStart == BatchSize)
                {
                    Flush(upload, batch, jsonLines: true, header: null, offset: batchStart);
                    batchStart = count;
                }
            }
        }
        catch (JsonException ex)
        {
            throw new CatalogUploadException("body", $"the body must be a JSON array of song objects: {ex.Message}");
        }

        Flush(upload, batch, jsonLines: true, header: null, offset: batchStart);
        return upload;
    }

    /// <summary>
    /// CSV with a header naming at least <c>title</c> and <c>artists</c> (artists separated by <c>;</c>). Lines are the body's
    /// own, the header being line 1. An unknown or missing column refuses the whole upload, naming it.
    /// </summary>
    public static async Task<CatalogUpload> ReadCsvAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var upload = new CatalogUpload();
        var header = await ReadRecordAsync(reader, cancellationToken);
        if (header is null)
        {
            throw new CatalogUploadException("body", "the body is empty: CSV needs a header naming at least title and artists");
        }

        CheckHeader(header.Value.Text);
        var line = header.Value.Lines;
        var batch = new StringBuilder();
        var records = 0;
        var batchStart = line;
        while (await ReadRecordAsync(reader, cancellationToken) is { } record)
        {
            batch.Append(record.Text).Append('\n');
            line += record.Lines;
            if (++records == BatchSize)
            {
                // The batch is read after the header again, so its line n is body line n + batchStart - header lines.
                Flush(upload, batch, jsonLines: false, header.Value.Text, offset: batchStart - header.Value.Lines);
                batchStart = line;
                records = 0;
            }
        }

        Flush(upload, batch, jsonLines: false, header.Value.Text, offset: batchStart - header.Value.Lines);
        return upload;
    }

    private static string? UnknownMember(JsonElement song)
    {
        foreach (var member in song.EnumerateObject())
        {
            if (!CatalogFileReader.Columns.Contains(member.Name))
            {
                return member.Name;
            }
        }

        return null;
    }

    private static void Flush(CatalogUpload upload, StringBuilder batch, bool jsonLines, string? header, int offset)
    {
        if (batch.Length == 0)
        {
            return;
        }

        var text = header is null ? batch.ToString() : header + "\n" + batch;
        var (rows, errors) = CatalogFileReader.Read(new StringReader(text), jsonLines);
        upload.Add(rows, errors, offset);
        batch.Clear();
    }

    private static void CheckHeader(string header)
    {
        var (_, errors) = CatalogFileReader.Read(new StringReader(header), jsonLines: false);
        if (errors.Count == 0)
        {
            return;
        }

        // The reader's message says what is wrong; the field names the column at fault when it can be told.
        var names = header.Split(',').Select(n => n.Trim().Trim('"').Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var field = names.FirstOrDefault(n => !CatalogFileReader.Columns.Contains(n))
            ?? new[] { "title", "artists" }.FirstOrDefault(n => !names.Contains(n))
            ?? "header";
        throw new CatalogUploadException(field, $"header: {errors[0].Message}");
    }

    /// <summary>
    /// The next CSV record and how many lines it spans (a quoted field may hold line breaks), or null at the end. The
    /// quoting rules are <see cref="CatalogFileReader"/>'s: a quote opens a quoted field only at the field's start, and
    /// inside one a doubled quote is a literal quote.
    /// </summary>
    private static async Task<(string Text, int Lines)?> ReadRecordAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var text = await reader.ReadLineAsync(cancellationToken);
        if (text is null)
        {
            return null;
        }

        var lines = 1;
        var quoted = false;
        var fieldEmpty = true;
        StringBuilder? record = null;
        while (true)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var ch = text[i];
                if (quoted)
                {
                    if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        i++;
                        fieldEmpty = false;
                    }
                    else if (ch == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        fieldEmpty = false;
                    }
                }
                else if (ch == '"' && fieldEmpty)
                {
                    quoted = true;
                }
                else
                {
                    fieldEmpty = ch == ',';
                }
            }

            if (!quoted)
            {
                return (record is null ? text : record.Append(text).ToString(), lines);
            }

            var next = await reader.ReadLineAsync(cancellationToken);
            if (next is null)
            {
                return (record is null ? text : record.Append(text).ToString(), lines);
            }

            record ??= new StringBuilder();
            record.Append(text).Append('\n');
            fieldEmpty = false;
            lines++;
            text = next;
        }
    }
}
