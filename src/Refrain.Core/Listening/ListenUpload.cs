namespace Refrain.Listening;

/// <summary>
/// One listening-history file brought in (an HTTP upload or a file of <c>refrain import listens</c>): <c>running</c> while
/// it imports, then <c>succeeded</c> with its counts or <c>failed</c> with the error (and nothing of it stored).
/// </summary>
public sealed record ListenUpload(
    long Id, long ListenerId, string FileName, long Bytes, string Status, ListenCounts Counts, string? Error, DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);
