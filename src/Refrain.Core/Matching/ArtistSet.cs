namespace Refrain.Matching;

/// <summary>The artists of a song or track, normalised once: the listed artists and the ones the title credits.</summary>
internal sealed class ArtistSet
{
    private const double FuzzyThreshold = 0.85;
    private readonly ArtistEntry[] _entries;
    private readonly string[] _names;
    private string? _key;

    private ArtistSet(ArtistEntry[] entries)
    {
        _entries = entries;
        var names = new List<string>(entries.Length * 2);
        foreach (var entry in entries)
        {
            AddDistinct(names, entry.Whole);
            foreach (var part in entry.Parts)
            {
                AddDistinct(names, part);
            }
        }

        _names = [.. names];
    }

    /// <summary>Equal for sets that credit the same artists, in any order and whether in the artist list or the title.</summary>
    public string Key => _key ??= string.Join('|', _entries.Select(e => e.Whole).Order(StringComparer.Ordinal));

    public bool IsEmpty => _entries.Length == 0;

    /// <summary>
    /// The same artists: equal sets, or the same first artist with one set containing the other (a compilation
    /// that credits the main artist only, where the album also lists the featured ones).
    /// </summary>
    public bool SameArtists(ArtistSet other)
    {
        if (string.Equals(Key, other.Key, StringComparison.Ordinal))
        {
            return true;
        }

        if (IsEmpty || other.IsEmpty || !string.Equals(_entries[0].Whole, other._entries[0].Whole, StringComparison.Ordinal))
        {
            return false;
        }

        var (smaller, larger) = _entries.Length <= other._entries.Length ? (this, other) : (other, this);
        return smaller._entries.All(e => larger._entries.Any(l => string.Equals(l.Whole, e.Whole, StringComparison.Ordinal)));
    }

    /// <summary>The first listed artist counts 1, every other one ½.</summary>
    public static ArtistSet Create(IEnumerable<string> listed, IReadOnlyList<string> featured)
    {
        var entries = new List<ArtistEntry>(4);
        foreach (var credit in listed)
        {
            Add(entries, credit);
        }

        foreach (var credit in featured)
        {
            Add(entries, credit);
        }

        return new ArtistSet([.. entries]);
    }

    /// <summary>
    /// 0 to 1: how much of this set <paramref name="other"/> credits (weighted), times up to 15% less when
    /// <paramref name="other"/> credits artists this set does not name.
    /// </summary>
    public double Agreement(ArtistSet other)
    {
        if (IsEmpty || other.IsEmpty)
        {
            return 0.5;
        }

        double found = 0, total = 0;
        foreach (var entry in _entries)
        {
            total += entry.Weight;
            found += entry.Weight * Found(entry, other._names);
        }

        var extra = 0;
        foreach (var entry in other._entries)
        {
            if (Found(entry, _names) < 0.5)
            {
                extra++;
            }
        }

        return found / total * (1 - (0.15 * extra / other._entries.Length));
    }

    private static void Add(List<ArtistEntry> entries, string credit)
    {
        var whole = ArtistNames.Normalize(credit);
        if (whole.Length == 0 || entries.Exists(e => string.Equals(e.Whole, whole, StringComparison.Ordinal)))
        {
            return;
        }

        entries.Add(new ArtistEntry(whole, ArtistNames.Parts(credit, whole), entries.Count == 0 ? 1 : 0.5));
    }

    private static void AddDistinct(List<string> names, string name)
    {
        if (!names.Contains(name, StringComparer.Ordinal))
        {
            names.Add(name);
        }
    }

    private static double Found(ArtistEntry entry, string[] names)
    {
        if (Array.IndexOf(names, entry.Whole) >= 0)
        {
            return 1;
        }

        var best = 0.0;
        if (entry.Parts.Length > 1)
        {
            var found = 0;
            foreach (var part in entry.Parts)
            {
                found += Array.IndexOf(names, part) >= 0 ? 1 : 0;
            }

            if (found == entry.Parts.Length)
            {
                return 1;
            }

            best = (double)found / entry.Parts.Length;
        }

        foreach (var name in names)
        {
            var dice = Similarity.Dice(entry.Whole, name);
            if (dice >= FuzzyThreshold && dice > best)
            {
                best = dice;
            }
        }

        return best;
    }
}
