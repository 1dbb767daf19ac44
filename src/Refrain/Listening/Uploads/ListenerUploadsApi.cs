using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Refrain.Accounts;
using Refrain.Http;
using Refrain.Listening.Enrichment;
using Refrain.Storage;

namespace Refrain.Listening.Uploads;

/// <summary>
/// <c>/api/listeners/{id}/uploads</c>: upload a listening-history file (multipart, one file part: a history JSON file or the
/// export's .zip) and list a listener's uploads. The file is imported as <c>refrain import listens</c> imports it, whole or
/// not at all, and a file that imported plays starts the listener's enrichment.
/// </summary>
public static class ListenerUploadsApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Configuration: the most an uploaded zip may expand to (default the importer's, 2 GiB).</summary>
    public const string MaxExpandedBytesKey = "Listening:MaxExpandedBytes";

    public static RouteGroupBuilder MapListenerUploads(this RouteGroupBuilder listeners)
    {
        listeners.MapPost("/{id:long}/uploads", UploadAsync).WithName("UploadListens")
            .WithSummary("Import listening history: one multipart file part, a Spotify history JSON file or the export's .zip")
            .WithDescription("Extended streaming history (Streaming_History_Audio_*.json, endsong_*.json) or account data (StreamingHistory*.json). "
                + "The body is streamed to a temporary file (limit Api:MaxUploadBytes, 413 beyond) and imported in one transaction: a file that is not "
                + "JSON, not an array of plays, a zip without history files or one that expands too far is refused (400 with the position) and "
                + "nothing of it is stored; either way the upload is recorded. A file that imported plays starts the listener's enrichment.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // Described here rather than with Accepts: its content-type matcher would answer 415 before the listener's 404.
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["multipart/form-data"] = new()
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Required = new HashSet<string> { "file" },
                                Properties = new Dictionary<string, IOpenApiSchema>
                                {
                                    ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "A history JSON file or the export's .zip" },
                                },
                            },
                        },
                    },
                };
                return Task.CompletedTask;
            });
        listeners.MapGet("/{id:long}/uploads", ListAsync).WithName("ListListenUploads")
            .WithSummary("List a listener's uploads, oldest first, with their status and counts")
            .WithDescription("Pages of up to 200 (default 50) with an opaque next_cursor.");
        listeners.MapGet("/{id:long}/uploads/{uploadId:long}", GetAsync).WithName("GetListenUpload").WithSummary("One upload's status and counts");
        return listeners;
    }

    internal static async Task<Results<Created<ListenUploadResponse>, ProblemHttpResult>> UploadAsync(
        long id, Caller caller, HttpRequest request, RefrainStore store, IOptions<ApiOptions> options, IConfiguration configuration, CancellationToken ct)
    {
        if (await store.GetListenerAccountAsync(id, caller.Scope, ct) is not { } accountId)
        {
            return ApiProblems.NotFound($"listener {id}");
        }

        // Only upload routes may exceed the global body limit, and only before the body is read (Kestrel enforces it as bytes arrive).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.Value.MaxUploadBytes;
        }

        UploadedFile file;
        try
        {
            file = await UploadedFile.ReadAsync(request, ct);
        }
        catch (UploadFormatException ex) when (ex.Field == "content_type")
        {
            return TypedResults.Problem(title: "Unsupported media type", detail: ex.Message, statusCode: StatusCodes.Status415UnsupportedMediaType,
                extensions: new Dictionary<string, object?> { ["field"] = ex.Field });
        }
        catch (UploadFormatException ex)
        {
            return ApiProblems.Invalid(ex.Field, ex.Message);
        }
        catch (IOException ex) when (ex is not Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            return ApiProblems.Invalid("body", $"the multipart body does not read: {ex.Message}");
        }

        await using (file)
        {
            var importer = new ListenImporter(store);
            if (configuration.GetValue<long?>(MaxExpandedBytesKey) is { } expanded and > 0)
            {
                importer = new ListenImporter(store) { MaxExpandedBytes = expanded };
            }

            var (uploadId, result) = await importer.ImportRecordedAsync(id, file.Path, file.Name, ct);
            if (result.Failed)
            {
                return TypedResults.Problem(title: "Invalid request", statusCode: StatusCodes.Status400BadRequest,
                    detail: $"{file.Name}: {result.Error}; nothing stored from it",
                    extensions: new Dictionary<string, object?> { ["field"] = "file", ["upload_id"] = uploadId });
            }

            long? enrichment = null;
            if (result.Counts.Imported > 0)
            {
                var started = await EnrichmentJobs.StartAsync(store, id, accountId, "event", "upload " + uploadId.ToString(CultureInfo.InvariantCulture), ct);
                enrichment = started.JobId;
            }

            var upload = (await store.GetListenUploadAsync(uploadId, ct))!;
            return TypedResults.Created($"/api/listeners/{id}/uploads/{uploadId}", ListenUploadResponse.From(upload) with { EnrichmentJobId = enrichment });
        }
    }

    internal static async Task<Results<Ok<Page<ListenUploadResponse>>, ProblemHttpResult>> ListAsync(
        long id, Caller caller, RefrainStore store, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return ApiProblems.Invalid("limit", $"limit must be from 1 to {MaxLimit}");
        }

        var fingerprint = Cursors.Fingerprint("listen-uploads", caller.Scope, id);
        if (!Cursors.TryDecode(cursor, fingerprint, out var after, out var error))
        {
            return ApiProblems.Invalid("cursor", error);
        }

        if (await store.GetListenerAccountAsync(id, caller.Scope, ct) is null)
        {
            return ApiProblems.NotFound($"listener {id}");
        }

        var take = limit ?? DefaultLimit;
        var rows = await store.ListListenUploadsAsync(id, after, take + 1, ct);
        return TypedResults.Ok(Cursors.Page(rows, take, ListenUploadResponse.From, u => u.Id, fingerprint));
    }

    internal static async Task<Results<Ok<ListenUploadResponse>, ProblemHttpResult>> GetAsync(
        long id, long uploadId, Caller caller, RefrainStore store, CancellationToken ct)
    {
        if (await store.GetListenerAccountAsync(id, caller.Scope, ct) is null || await store.GetListenUploadAsync(uploadId, ct) is not { } upload
            || upload.ListenerId != id)
        {
            return ApiProblems.NotFound($"upload {uploadId} of listener {id}");
        }

        return TypedResults.Ok(ListenUploadResponse.From(upload));
    }
}
