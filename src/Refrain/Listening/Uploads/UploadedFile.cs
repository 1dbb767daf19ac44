using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Refrain.Listening.Uploads;

/// <summary>
/// The one file part of a <c>multipart/form-data</c> upload, copied to a temporary file as it arrives (never held whole);
/// deleting the instance deletes the file.
/// </summary>
internal sealed class UploadedFile : IAsyncDisposable
{
    private UploadedFile(string path, string name)
    {
        Path = path;
        Name = name;
    }

    public string Path { get; }

    /// <summary>The client's file name without any directory part.</summary>
    public string Name { get; }

    public long Bytes { get; private set; }

    /// <summary>Reads the body; an <see cref="UploadFormatException"/> says what is wrong with its shape.</summary>
    public static async Task<UploadedFile> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw new UploadFormatException("content_type", "send the file as multipart/form-data with one file part");
        }

        var reader = new MultipartReader(boundary, request.Body);
        UploadedFile? file = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                {
                    continue; // Plain form fields carry nothing the upload needs.
                }

                if (file is not null)
                {
                    throw new UploadFormatException("file", "send one file per upload (a JSON history file or the export's .zip)");
                }

                var name = System.IO.Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "");
                // Known before the copy starts, so a body cut off by the size limit still has its partial file deleted.
                file = new UploadedFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"refrain-upload-{Guid.NewGuid():N}"), name.Length == 0 ? "upload" : name);
                await using (var target = new FileStream(file.Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await section.Body.CopyToAsync(target, cancellationToken);
                    file.Bytes = target.Length;
                }
            }
        }
        catch
        {
            if (file is not null)
            {
                await file.DisposeAsync();
            }

            throw;
        }

        return file ?? throw new UploadFormatException("file", "the form has no file part");
    }

    public ValueTask DisposeAsync()
    {
        File.Delete(Path);
        return ValueTask.CompletedTask;
    }
}
