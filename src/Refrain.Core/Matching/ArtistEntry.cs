namespace Refrain.Matching;

/// <summary>One credited artist: the whole normalised credit, the names inside it, and how much it counts.</summary>
internal sealed record ArtistEntry(string Whole, string[] Parts, double Weight);
