namespace Refrain.Http;

/// <summary>The health answer: <c>ok</c> or <c>unavailable</c>, and the database dialect when it was checked.</summary>
public sealed record HealthResponse(string Status, string? Database);
