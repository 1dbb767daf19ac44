namespace Refrain.Providers;

/// <summary>A rate-limit answer: granted, or the earliest time a request may be granted.</summary>
public sealed record RateDecision(bool Granted, DateTimeOffset? RetryAt);
