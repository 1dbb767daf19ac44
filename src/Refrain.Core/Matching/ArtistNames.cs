using System.Buffers;
using System.Collections.Frozen;

namespace Refrain.Matching;

/// <summary>Splits artist credits ("A feat. B &amp; C", "A, B", "A x B") into names and normalises them.</summary>
internal static class ArtistNames
{
    private static readonly char[] Separators = [',', ';', '/', '&', '+', '\u00D7', '\u3001', '\uFF0C', '\uFF06'];
    private static readonly SearchValues<char> SeparatorValues = SearchValues.Create(Separators);

    private static readonly FrozenSet<string> WordSeparators = FrozenSet.Create(StringComparer.Ordinal,
        "and", "x", "with", "feat", "ft", "featuring", "vs", "versus", "presents", "pres");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> WordSeparatorSpans =
        WordSeparators.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A credit split at its separators, as written: "A &amp; B" → "A", "B".</summary>
    public static IEnumerable<string> SplitCredits(string credit) =>
        credit.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A name normalised for comparison; a leading "the" goes ("The Beatles" = "Beatles").</summary>
    public static string Normalize(string name)
    {
        var normalized = TextNormalizer.Normalize(name);
        if (normalized.Length == 0)
        {
            return name.Trim().ToLowerInvariant();
        }

        return normalized.StartsWith("the ", StringComparison.Ordinal) ? normalized[4..] : normalized;
    }

    /// <summary>The single names inside a credit, normalised; empty when the credit is one name (<paramref name="whole"/> itself).</summary>
    public static string[] Parts(string credit, string whole)
    {
        if (credit.AsSpan().IndexOfAny(SeparatorValues) < 0 && !HasWordSeparator(whole))
        {
            return [];
        }

        var parts = new List<string>(2);
        foreach (var piece in SplitCredits(credit))
        {
            var words = Normalize(piece).Split(' ');
            var start = 0;
            for (var i = 0; i <= words.Length; i++)
            {
                if (i == words.Length || WordSeparators.Contains(words[i]))
                {
                    if (i > start)
                    {
                        var name = string.Join(' ', words, start, i - start);
                        name = name.StartsWith("the ", StringComparison.Ordinal) ? name[4..] : name;
                        if (!parts.Contains(name, StringComparer.Ordinal))
                        {
                            parts.Add(name);
                        }
                    }

                    start = i + 1;
                }
            }
        }

        return [.. parts];
    }

    private static bool HasWordSeparator(string normalized)
    {
        foreach (var range in normalized.AsSpan().Split(' '))
        {
            if (WordSeparatorSpans.Contains(normalized.AsSpan(range)))
            {
                return true;
            }
        }

        return false;
    }
}
