using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Refrain.Accounts;
using Refrain.Http;
using Refrain.Rematch;
using Refrain.Storage;

namespace Refrain.Catalog;

/// <summary>
/// <c>/api/catalogs</c>: create and list catalogs, upload songs (a JSON array or CSV, streamed, validated as
/// <c>refrain catalog import</c> validates a file) and list a catalog's songs with their links. Scoped to the caller's account.
/// </summary>
public static class CatalogsApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const int MaxNameLength = 200;

    public static RouteGroupBuilder MapCatalogsApi(this RouteGroupBuilder api)
    {
        var catalogs = api.MapGroup("/catalogs").WithTags("Catalogs");
        catalogs.MapPost("/", CreateAsync).WithName("CreateCatalog").WithSummary("Create a catalog in the caller's account");
        catalogs.MapGet("/", ListAsync).WithName("ListCatalogs")
            .WithSummary("List catalogs, oldest first")
            .WithDescription("The caller's catalogs (an admin key sees every account's). Pages of up to 200 (default 50) with an opaque next_cursor.");
        catalogs.MapGet("/{id:long}", GetAsync).WithName("GetCatalog").WithSummary("One catalog and how many songs it holds");
        catalogs.MapPost("/{id:long}/songs", UploadAsync).WithName("UploadCatalogSongs")
            .WithSummary("Import songs: a JSON array of song objects or CSV with a header")
            .WithDescription("Same columns and validation as `refrain catalog import`. By default any invalid row means nothing is imported "
                + "(400 listing up to 20 errors by line); with skip_invalid=true the valid rows are imported and the rest listed. "
                + "Re-uploading the same songs changes nothing. The body is streamed; its limit is Api:MaxUploadBytes (413 beyond).")
            .Accepts<IReadOnlyList<CatalogSongUpload>>("application/json", "text/csv")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // Accepts gives every media type the JSON array's schema; CSV is text.
                if (operation.RequestBody?.Content?.TryGetValue("text/csv", out var csv) == true && csv is OpenApiMediaType media)
                {
                    media.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = $"UTF-8 CSV with a header naming at least title and artists, from: {string.Join(", ", CatalogFileReader.Columns)}. "
                            + "Artists are separated by ';'; quoted fields may hold commas, quotes (doubled) and line breaks.",
                    };
                }

                return Task.CompletedTask;
            });
        catalogs.MapGet("/{id:long}/songs", ListSongsAsync).WithName("ListCatalogSongs")
            .WithSummary("List a catalog's songs with their Spotify links, by id")
            .WithDescription("mismatched=true keeps the songs whose linked track's duration is more than threshold_seconds (1-3600, default 60) "
                + "off the canonical one, as the duration sweep compares them. Pages of up to 200 (default 50).");
        return api;
    }

    internal static async Task<Results<Created<CatalogResponse>, ProblemHttpResult>> CreateAsync(
        CreateCatalogRequest request, Caller caller, RefrainStore store, CancellationToken ct)
    {
        var name = request.Name.Trim();
        if (name.Length == 0)
        {
            return ApiProblems.Invalid("name", "name must not be empty");
        }

        if (name.Length > MaxNameLength)
        {
            return ApiProblems.Invalid("name", $"name must be at most {MaxNameLength} characters");
        }

        var created = await store.CreateCatalogAsync(caller.AccountId, name, ct);
        return created is null
            ? ApiProblems.Conflict($"this account already has a catalog named '{name}'")
            : TypedResults.Created($"/api/catalogs/{created.Id}", CatalogResponse.From(created));
    }

    internal static async Task<Results<Ok<Page<CatalogResponse>>, ProblemHttpResult>> ListAsync(
        Caller caller, RefrainStore store, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return ApiProblems.Invalid("limit", $"limit must be from 1 to {MaxLimit}");
        }

        var fingerprint = Cursors.Fingerprint("catalogs", caller.Scope);
        if (!Cursors.TryDecode(cursor, fingerprint, out var after, out var error))
        {
            return ApiProblems.Invalid("cursor", error);
        }

        var take = limit ?? DefaultLimit;
        var rows = await store.ListCatalogsAsync(caller.Scope, after, take + 1, ct);
        return TypedResults.Ok(Cursors.Page(rows, take, CatalogResponse.From, c => c.Id, fingerprint));
    }

    internal static async Task<Results<Ok<CatalogResponse>, ProblemHttpResult>> GetAsync(long id, Caller caller, RefrainStore store, CancellationToken ct) =>
        await store.GetCatalogAsync(id, caller.Scope, ct) is { } catalog ? TypedResults.Ok(CatalogResponse.From(catalog)) : ApiProblems.NotFound($"catalog {id}");

    internal static async Task<Results<Ok<CatalogImportResponse>, ProblemHttpResult>> UploadAsync(
        long id, Caller caller, HttpRequest request, RefrainStore store, IOptions<ApiOptions> options, CancellationToken ct,
        [FromQuery(Name = "skip_invalid")] string? skipInvalid = null)
    {
        if (!TryParseFlag(skipInvalid, out var skip))
        {
            return ApiProblems.Invalid("skip_invalid", "skip_invalid must be true or false");
        }

        var catalog = await store.GetCatalogAsync(id, caller.Scope, ct);
        if (catalog is null)
        {
            return ApiProblems.NotFound($"catalog {id}");
        }

        var json = IsMediaType(request.ContentType, "application/json");
        if (!json && !IsMediaType(request.ContentType, "text/csv"))
        {
            return TypedResults.Problem(title: "Unsupported media type", statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: "send the songs as a JSON array (Content-Type: application/json) or as CSV (Content-Type: text/csv), in UTF-8",
                extensions: new Dictionary<string, object?> { ["field"] = "content_type" });
        }

        // Only this route may exceed the global body limit, and only before its body is read (Kestrel enforces it as bytes arrive).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.Value.MaxUploadBytes;
        }

        CatalogUpload upload;
        try
        {
            upload = json ? await CatalogUploadReader.ReadJsonAsync(request.Body, ct) : await CatalogUploadReader.ReadCsvAsync(request.Body, ct);
        }
        catch (CatalogUploadException ex)
        {
            return ApiProblems.Invalid(ex.Field, ex.Message);
        }

        var total = upload.Rows.Count + upload.Invalid;
        if (upload.Invalid > 0 && !skip)
        {
            return TypedResults.Problem(title: "Invalid request", statusCode: StatusCodes.Status400BadRequest,
                detail: $"{upload.Invalid} of {total} rows are invalid; nothing was imported (skip_invalid=true imports the valid ones)",
                extensions: new Dictionary<string, object?>
                {
                    ["field"] = "body", ["rows"] = total, ["invalid"] = upload.Invalid,
                    ["errors"] = upload.Errors.Select(CatalogImportError.From).ToList(),
                });
        }

        var result = await new CatalogImporter(store).ImportValidAsync(catalog.Id, catalog.AccountId, upload.Rows, upload.Invalid, upload.Errors, ct);
        return TypedResults.Ok(CatalogImportResponse.From(result));
    }

    internal static async Task<Results<Ok<Page<CatalogSongResponse>>, ProblemHttpResult>> ListSongsAsync(
        long id, Caller caller, RefrainStore store, CancellationToken ct, string? mismatched = null,
        [FromQuery(Name = "threshold_seconds")] string? thresholdSeconds = null, int? limit = null, string? cursor = null)
    {
        if (!TryParseFlag(mismatched, out var onlyMismatched))
        {
            return ApiProblems.Invalid("mismatched", "mismatched must be true or false");
        }

        var threshold = SweepArgs.DefaultThresholdSeconds;
        if (thresholdSeconds is not null)
        {
            if (!onlyMismatched)
            {
                return ApiProblems.Invalid("threshold_seconds", "threshold_seconds applies only with mismatched=true");
            }

            if (!int.TryParse(thresholdSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out threshold) || !SweepArgs.IsValidThreshold(threshold))
            {
                return ApiProblems.Invalid("threshold_seconds", $"threshold_seconds must be an integer from 1 to 3600, not '{thresholdSeconds}'");
            }
        }

        if (limit is < 1 or > MaxLimit)
        {
            return ApiProblems.Invalid("limit", $"limit must be from 1 to {MaxLimit}");
        }

        var fingerprint = Cursors.Fingerprint("catalog-songs", caller.Scope, id, onlyMismatched, onlyMismatched ? threshold : null);
        if (!Cursors.TryDecode(cursor, fingerprint, out var after, out var error))
        {
            return ApiProblems.Invalid("cursor", error);
        }

        if (await store.GetCatalogAsync(id, caller.Scope, ct) is null)
        {
            return ApiProblems.NotFound($"catalog {id}");
        }

        var take = limit ?? DefaultLimit;
        var rows = await store.ListCatalogSongsAsync(id, onlyMismatched ? threshold * 1000L : null, after, take + 1, ct);
        return TypedResults.Ok(Cursors.Page(rows, take, CatalogSongResponse.From, s => s.Id, fingerprint));
    }

    /// <summary>An optional boolean query parameter: absent is false; otherwise exactly <c>true</c> or <c>false</c>.</summary>
    private static bool TryParseFlag(string? value, out bool flag)
    {
        flag = false;
        return value is null || bool.TryParse(value, out flag);
    }

    private static bool IsMediaType(string? contentType, string expected) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && string.Equals(type.MediaType, expected, StringComparison.OrdinalIgnoreCase)
        && (type.CharSet is null || type.CharSet.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || type.CharSet.Equals("utf8", StringComparison.OrdinalIgnoreCase));
}
