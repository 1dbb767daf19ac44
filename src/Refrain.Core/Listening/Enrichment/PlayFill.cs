namespace Refrain.Listening.Enrichment;

/// <summary>Plays one enrichment step filled: enriched with a track, or marked unresolved with a re-check.</summary>
public sealed record PlayFill(int Enriched, int Unresolved);
