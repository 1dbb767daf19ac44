namespace Refrain.Listening;

/// <summary>Body of <c>POST /api/listeners</c>: the new listener's display name (1–200 characters), in the caller's account.</summary>
public sealed record CreateListenerRequest(string DisplayName);
