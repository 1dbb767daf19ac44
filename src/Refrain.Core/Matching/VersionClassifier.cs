namespace Refrain.Matching;

/// <summary>Classifies the normalised words of one bracketed or dashed title suffix.</summary>
internal static class VersionClassifier
{
    public static SuffixInfo Classify(string[] words)
    {
        if (words.Length == 0)
        {
            return SuffixInfo.Neutral;
        }

        if (words.Length > 1 && VersionWords.Featuring.Contains(words[0]))
        {
            return SuffixInfo.Featuring;
        }

        var kinds = Kinds(words);
        if (kinds != VersionKind.None)
        {
            return new SuffixInfo(SuffixClass.Distinguishing, kinds, Details(words));
        }

        // "From "Top Gun: Maverick"", "Prod. by X": where the song comes from, not which take it is.
        if (words[0] is "from" or "prod" or "produced" || IsNeutral(words))
        {
            return SuffixInfo.Neutral;
        }

        // Any other named version ("Taylor's Version", "Spanish Version", "Band ver.") is a different take.
        return words.Any(VersionWords.Version.Contains)
            ? new SuffixInfo(SuffixClass.Distinguishing, VersionKind.Other, Details(words))
            : SuffixInfo.Unknown;
    }

    /// <summary>The versions named in an album title that may excuse a track title that does not repeat them ("Unplugged in New York").</summary>
    public static VersionKind AlbumKinds(string[] words)
    {
        var kinds = VersionKind.None;
        foreach (var w in words)
        {
            kinds |= w switch
            {
                "live" => VersionKind.Live,
                "unplugged" => VersionKind.Live | VersionKind.Acoustic,
                "acoustic" => VersionKind.Acoustic,
                "session" or "sessions" => VersionKind.Session,
                _ => VersionKind.None,
            };
        }

        return kinds;
    }

    private static VersionKind Kinds(string[] words)
    {
        var kinds = VersionKind.None;
        bool mix = false, radio = false, version = false, mixNeutral = false;
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            var previous = i > 0 ? words[i - 1] : "";
            var next = i + 1 < words.Length ? words[i + 1] : "";
            switch (w)
            {
                case "mix":
                    mix = true;
                    break;
                case "radio":
                    radio = true;
                    break;
                case "version" or "ver":
                    version = true;
                    break;
                case "stereo" or "mono" or "original" or "album" or "single":
                    mixNeutral = true;
                    break;
                case "vivo" when previous is "en" or "ao" or "dal":
                case "directo" or "direct" when previous is "en":
                    kinds |= VersionKind.Live;
                    break;
                case "vocal" or "vocals" when previous is "off":
                    kinds |= VersionKind.Instrumental;
                    break;
                case "tv" when next is "size" or "ver" or "version" or "edit":
                    kinds |= VersionKind.Edit;
                    break;
                case "12" when next is "version" or "mix" or "inch" or "remix":
                    kinds |= VersionKind.Extended;
                    break;
                case "take" when IsDigits(next) || previous is "first":
                    kinds |= VersionKind.Other;
                    break;
                case "performed" when previous is "originally":
                case "style" when previous is "the" && i > 1 && words[i - 2] is "in":
                    kinds |= VersionKind.Karaoke;
                    break;
                case "recorded" or "recording" when previous is "re":
                    kinds |= VersionKind.Rerecorded;
                    break;
                case "spotify" when next is "singles" or "studios" or "session" or "sessions":
                    kinds |= VersionKind.Session;
                    break;
                default:
                    kinds |= VersionWords.Kinds.GetValueOrDefault(w);
                    break;
            }
        }

        if (radio && (mix || version || (kinds & VersionKind.Edit) != 0))
        {
            kinds |= VersionKind.Edit;
        }
        else if (mix && (kinds & VersionKind.Extended) == 0 && !(mixNeutral && kinds == VersionKind.None))
        {
            kinds |= VersionKind.Remix;
        }

        return kinds;
    }

    private static string[] Details(string[] words)
    {
        var details = new List<string>(words.Length);
        foreach (var w in words)
        {
            if (!VersionWords.Kinds.ContainsKey(w) && !VersionWords.Filler.Contains(w) && !VersionWords.Neutral.Contains(w))
            {
                details.Add(w);
            }
        }

        return [.. details];
    }

    private static bool IsNeutral(string[] words)
    {
        var year = false;
        var word = false;
        foreach (var w in words)
        {
            if (VersionWords.StrongNeutral.Contains(w))
            {
                return true;
            }

            if (VersionWords.Neutral.Contains(w))
            {
                word = true;
            }
            else if (IsYear(w))
            {
                year = true;
            }
            else if (!IsNumberOrOrdinal(w))
            {
                return false;
            }
        }

        return word || year;
    }

    private static bool IsYear(string w) =>
        w.Length == 4 && (w.StartsWith("19", StringComparison.Ordinal) || w.StartsWith("20", StringComparison.Ordinal)) && IsDigits(w);

    private static bool IsNumberOrOrdinal(string w)
    {
        if (IsDigits(w))
        {
            return true;
        }

        return w.Length > 2 && IsDigits(w.AsSpan(0, w.Length - 2)) && w.AsSpan(w.Length - 2) is "th" or "st" or "nd" or "rd";
    }

    private static bool IsDigits(ReadOnlySpan<char> w)
    {
        foreach (var c in w)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return w.Length > 0;
    }
}
