using System.Text.Json.Serialization;

namespace Refrain.Rematch;

/// <summary>
/// Body of <c>POST /api/sweeps/duration-mismatches</c> (optional): <c>threshold_seconds</c> and <c>dry_run</c>.
/// </summary>
/// <remarks>Numbers are strict here, although the API's JSON reads them from strings elsewhere: <c>"60"</c> is refused as <c>60.5</c> is.</remarks>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record DurationMismatchSweepRequest
{
    /// <summary>Songs whose linked duration is more than this many seconds off: an integer from 1 to 3600. Default 60.</summary>
    public int? ThresholdSeconds { get; init; }

    /// <summary>Count the songs the sweep would enqueue, with a sample, instead of starting it. Default false.</summary>
    public bool DryRun { get; init; }
}
