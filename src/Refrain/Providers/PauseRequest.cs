namespace Refrain.Providers;

/// <summary>Pause a provider until <see cref="Until"/> (ISO-8601, in the future); its jobs wait without spending attempts.</summary>
public sealed record PauseRequest(DateTimeOffset Until);
