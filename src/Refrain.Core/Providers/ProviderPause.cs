namespace Refrain.Providers;

/// <summary>A provider's stored pause: until when, why (<c>rate</c>, <c>quota</c>, <c>manual</c>), and how many pauses in a row.</summary>
public sealed record ProviderPause(string Name, DateTimeOffset? PausedUntil, string? Reason, int PauseCount)
{
    public bool IsPausedAt(DateTimeOffset now) => PausedUntil is { } until && until > now;
}
