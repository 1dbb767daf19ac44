namespace Refrain.Matching;

/// <summary>Character-bigram Dice similarity: 1 for equal strings, 0 for nothing in common.</summary>
internal static class Similarity
{
    public static double Dice(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }

        if (a.Length < 2 || b.Length < 2)
        {
            return 0;
        }

        Span<int> left = a.Length <= 128 ? stackalloc int[a.Length - 1] : new int[a.Length - 1];
        Span<int> right = b.Length <= 128 ? stackalloc int[b.Length - 1] : new int[b.Length - 1];
        Fill(a, left);
        Fill(b, right);
        left.Sort();
        right.Sort();
        int i = 0, j = 0, common = 0;
        while (i < left.Length && j < right.Length)
        {
            if (left[i] == right[j])
            {
                common++;
                i++;
                j++;
            }
            else if (left[i] < right[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return 2.0 * common / (left.Length + right.Length);
    }

    private static void Fill(string s, Span<int> bigrams)
    {
        for (var i = 0; i < bigrams.Length; i++)
        {
            bigrams[i] = (s[i] << 16) | s[i + 1];
        }
    }
}
