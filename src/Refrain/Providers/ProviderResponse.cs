namespace Refrain.Providers;

/// <summary>A provider's rate limit, whether this node runs it, and its pause (until when and why).</summary>
public sealed record ProviderResponse(
    string Name, int RequestsPerWindow, double WindowSeconds, int? AvailableNow, bool Running, string? NotRunningReason,
    bool Paused, DateTimeOffset? PausedUntil, string? Reason);
