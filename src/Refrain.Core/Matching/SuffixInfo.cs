namespace Refrain.Matching;

/// <summary>The class of one title suffix, the versions it names and the words that tell one such version from another (a remixer, a venue, a year).</summary>
internal readonly record struct SuffixInfo(SuffixClass Class, VersionKind Kinds, IReadOnlyList<string> Details)
{
    public static readonly SuffixInfo Neutral = new(SuffixClass.Neutral, VersionKind.None, []);
    public static readonly SuffixInfo Unknown = new(SuffixClass.Unknown, VersionKind.None, []);
    public static readonly SuffixInfo Featuring = new(SuffixClass.Featuring, VersionKind.None, []);
}
