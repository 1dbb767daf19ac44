namespace Refrain.Listening;

/// <summary>One imported file: its counts, or the error that kept everything of it out (then the counts are zero).</summary>
public sealed record ListenFileResult(string File, ListenCounts Counts, string? Error)
{
    public bool Failed => Error is not null;
}
