namespace Refrain.Runs;

/// <summary>A run's jobs by outcome; <c>pending</c> is every job not yet terminal.</summary>
public sealed record RunCounts(long Total, long Pending, long Succeeded, long NoData, long Failed, long Dead, long Cancelled);
