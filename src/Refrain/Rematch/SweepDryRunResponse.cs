namespace Refrain.Rematch;

/// <summary>A dry run, as <c>refrain sweep duration-mismatches --dry-run --json</c>: how many songs a sweep would enqueue now, and the first ten.</summary>
public sealed record SweepDryRunResponse(long WouldEnqueue, int ThresholdSeconds, IReadOnlyList<MismatchSampleResponse> Sample);
