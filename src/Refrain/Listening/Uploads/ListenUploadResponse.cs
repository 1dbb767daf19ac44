namespace Refrain.Listening.Uploads;

/// <summary>
/// An upload on the wire: its status (<c>running</c>, <c>succeeded</c>, <c>failed</c>), the counts of
/// <c>refrain import listens</c>, and the error of a failed file. <see cref="EnrichmentJobId"/> is the enrichment the upload
/// started (only in the answer to the upload itself, and only when it imported plays).
/// </summary>
public sealed record ListenUploadResponse(
    long Id, long ListenerId, string FileName, long Bytes, string Status, long Imported, long Duplicate, long Short, long Incognito, long Podcast,
    long Invalid, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, long? EnrichmentJobId = null)
{
    public static ListenUploadResponse From(ListenUpload u) => new(u.Id, u.ListenerId, u.FileName, u.Bytes, u.Status, u.Counts.Imported,
        u.Counts.Duplicate, u.Counts.Short, u.Counts.Incognito, u.Counts.Podcast, u.Counts.Invalid, u.Error, u.CreatedAt, u.FinishedAt);
}
