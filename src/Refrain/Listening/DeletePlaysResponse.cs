namespace Refrain.Listening;

/// <summary>How many plays a deletion removed (each leaving a tombstone).</summary>
public sealed record DeletePlaysResponse(long Deleted);
