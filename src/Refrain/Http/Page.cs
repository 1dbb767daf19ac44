namespace Refrain.Http;

/// <summary>One page of a list: <c>{"items": [...], "next_cursor": "..."}</c>; the cursor is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
