using System.Text;

namespace Refrain.Matching;

/// <summary>
/// Splits a title into its own words and its suffixes — brackets, and parts after a spaced dash — and classifies
/// each suffix (split again at " / ") as featuring, neutral, distinguishing or unrecognised. A hand-written
/// scanner: no regular expressions, so no backtracking, linear in the title's length.
/// </summary>
internal static class TitleParser
{
    private static readonly string[] InlineFeaturing = [" featuring ", " feat. ", " feat ", " ft. ", " ft "];

    public static ParsedTitle Parse(string title)
    {
        if (IsPlain(title))
        {
            var words = Canonical(TextNormalizer.Normalize(title));
            words = words.Length > 0 ? words : title.Trim().ToLowerInvariant();
            return new ParsedTitle { Full = words, Core = words, Kinds = VersionKind.None, Details = [], Featured = [] };
        }

        var full = new List<string>(4);
        var core = new List<string>(2);
        var featured = new List<string>(0);
        var details = new List<string>(0);
        var kinds = VersionKind.None;
        foreach (var (text, isSuffix) in Segments(title))
        {
            if (!isSuffix)
            {
                var words = Canonical(TextNormalizer.Normalize(SplitInlineFeaturing(text, featured)));
                if (words.Length > 0)
                {
                    full.Add(words);
                    core.Add(words);
                }

                continue;
            }

            foreach (var part in text.Split(" / ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var words = TextNormalizer.Normalize(part);
                var info = VersionClassifier.Classify(words.Length == 0 ? [] : words.Split(' '));
                switch (info.Class)
                {
                    case SuffixClass.Featuring:
                        featured.AddRange(ArtistNames.SplitCredits(WithoutFirstWord(part)));
                        break;
                    case SuffixClass.Distinguishing:
                        kinds |= info.Kinds;
                        details.AddRange(info.Details);
                        break;
                    case SuffixClass.Unknown:
                        full.Add(Canonical(words));
                        break;
                }
            }
        }

        var fullText = string.Join(' ', full);
        if (fullText.Length == 0)
        {
            // A title of punctuation or symbols alone ("?", "!!!") still has to equal itself.
            fullText = title.Trim().ToLowerInvariant();
        }

        var coreText = core.Count == 0 ? fullText : string.Join(' ', core);
        return new ParsedTitle
        {
            Full = fullText,
            Core = coreText,
            Kinds = kinds,
            Details = [.. details.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Featured = featured,
        };
    }

    /// <summary>The title's pieces in order: its own text, and suffixes (every bracket, and what follows a spaced dash).</summary>
    private static List<(string Text, bool IsSuffix)> Segments(string title)
    {
        var segments = new List<(string, bool)>(4);
        var buffer = new StringBuilder(title.Length);
        var inDash = false;
        var seenText = false;
        var i = 0;
        while (i < title.Length)
        {
            var c = title[i];
            if (IsOpening(c))
            {
                var close = MatchingClose(title, i);
                Flush(segments, buffer, inDash);
                segments.Add((title[(i + 1)..close], true));

                i = Math.Min(close + 1, title.Length);
                continue;
            }

            if (c == ' ' && i + 2 < title.Length && title[i + 1] is '-' or '\u2013' or '\u2014' && title[i + 2] == ' ' && seenText)
            {
                Flush(segments, buffer, inDash);
                inDash = true;
                i += 3;
                continue;
            }

            seenText |= !char.IsWhiteSpace(c);
            buffer.Append(c);
            i++;
        }

        Flush(segments, buffer, inDash);
        return segments;
    }

    private static void Flush(List<(string, bool)> segments, StringBuilder buffer, bool isSuffix)
    {
        var text = buffer.ToString().Trim();
        buffer.Clear();
        if (text.Length > 0)
        {
            segments.Add((text, isSuffix));
        }
    }

    /// <summary>The index of the bracket closing the one at <paramref name="open"/>, or the end of the title when it is never closed.</summary>
    private static int MatchingClose(string title, int open)
    {
        var depth = 0;
        for (var i = open; i < title.Length; i++)
        {
            if (IsOpening(title[i]))
            {
                depth++;
            }
            else if (IsClosing(title[i]) && --depth == 0)
            {
                return i;
            }
        }

        return title.Length;
    }

    /// <summary>No brackets, no spaced dash, no inline credit: the whole title is its own words.</summary>
    private static bool IsPlain(string title)
    {
        foreach (var c in title)
        {
            if (IsOpening(c) || c is '-' or '\u2013' or '\u2014')
            {
                return false;
            }
        }

        foreach (var marker in InlineFeaturing)
        {
            if (title.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsOpening(char c) => c is '(' or '[' or '{' or '\uFF08' or '\uFF3B' or '\u3010' or '\u3014';

    private static bool IsClosing(char c) => c is ')' or ']' or '}' or '\uFF09' or '\uFF3D' or '\u3011' or '\u3015';

    /// <summary>"Song feat. X" without brackets: the credit moves to <paramref name="featured"/>. "with" inline stays ("Dancing with Myself").</summary>
    private static string SplitInlineFeaturing(string text, List<string> featured)
    {
        var at = -1;
        var length = 0;
        foreach (var marker in InlineFeaturing)
        {
            var index = text.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (index > 0 && (at < 0 || index < at))
            {
                at = index;
                length = marker.Length;
            }
        }

        if (at < 0)
        {
            return text;
        }

        featured.AddRange(ArtistNames.SplitCredits(text[(at + length)..]));
        return text[..at];
    }

    /// <summary>Spellings that differ only by convention: "Pt. 2" is "Part 2".</summary>
    private static string Canonical(string words)
    {
        if (!words.Contains("pt", StringComparison.Ordinal))
        {
            return words;
        }

        var split = words.Split(' ');
        for (var i = 0; i < split.Length; i++)
        {
            if (split[i] is "pt")
            {
                split[i] = "part";
            }
        }

        return string.Join(' ', split);
    }

    private static string WithoutFirstWord(string part)
    {
        var i = 0;
        while (i < part.Length && (char.IsLetter(part[i]) || part[i] is '.' or '/' or ':'))
        {
            i++;
        }

        return part[i..].Trim();
    }
}
