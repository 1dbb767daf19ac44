namespace Refrain.Sandbox;

/// <summary>A track with the words of its name, artists and album, for search.</summary>
internal sealed class IndexedTrack(SandboxTrack track)
{
    public SandboxTrack Track { get; } = track;
    public HashSet<string> Name { get; } = [.. SearchQuery.Words(track.Name)];
    public HashSet<string> Artists { get; } = [.. track.Artists.SelectMany(a => SearchQuery.Words(a.Name))];
    public HashSet<string> Album { get; } = [.. SearchQuery.Words(track.Album.Name)];
    public string NormalisedName { get; } = string.Join(' ', SearchQuery.Words(track.Name));
}
