namespace Refrain.Rematch;

/// <summary>How a re-match ended; the job's detail and the run summary name these.</summary>
public static class RematchCase
{
    public const string Relinked = "relinked";
    public const string Kept = "kept";
    public const string CanonicalSuspect = "canonical_suspect";
    public const string Ambiguous = "ambiguous";
    public const string BelowFloor = "below_floor";
    public const string NoCandidates = "no_candidates";
    public const string SkippedReviewer = "skipped_reviewer";

    public static readonly IReadOnlyList<string> All = [Relinked, Kept, CanonicalSuspect, Ambiguous, BelowFloor, NoCandidates, SkippedReviewer];
}
