using System.Globalization;
using System.Text;

namespace Refrain.Matching;

/// <summary>
/// Reduces titles and names to lower-case words: accents on Latin, Greek and Cyrillic letters go (é→e, ё→е),
/// punctuation becomes word breaks, apostrophes vanish (don't→dont) and <c>&amp;</c>/<c>+</c> read as "and".
/// Other scripts keep every character, combining marks included (バ stays バ), so they never collapse to nothing.
/// </summary>
internal static class TextNormalizer
{
    public static string Normalize(string text)
    {
        if (text.Length == 0)
        {
            return "";
        }

        var ascii = Ascii.IsValid(text);
        var source = ascii ? text : text.Replace('\u00B4', '\'').Replace('`', '\'').Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(source.Length);
        var pendingSpace = false;
        var keepMarks = false;
        for (var i = 0; i < source.Length;)
        {
            Rune.DecodeFromUtf16(source.AsSpan(i), out var rune, out var consumed);
            i += consumed;
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                if (keepMarks)
                {
                    sb.Append(rune.ToString());
                }

                continue;
            }

            if (Rune.IsLetterOrDigit(rune))
            {
                if (pendingSpace && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                pendingSpace = false;
                keepMarks = !FoldsAccents(rune);
                AppendLower(sb, rune);
                continue;
            }

            keepMarks = false;
            if (IsApostrophe(rune.Value))
            {
                continue;
            }

            if (rune.Value is '&' or '+')
            {
                sb.Append(sb.Length > 0 ? " and" : "and");
            }

            pendingSpace = true;
        }

        // Recompose what NFKD took apart and was kept: kana with voicing marks, Hangul syllables.
        var result = sb.ToString();
        return ascii ? result : result.Normalize(NormalizationForm.FormC);
    }

    private static void AppendLower(StringBuilder sb, Rune rune)
    {
        var lower = Rune.ToLowerInvariant(rune);
        switch (lower.Value)
        {
            case 'ß': sb.Append("ss"); break;
            case 'æ': sb.Append("ae"); break;
            case 'œ': sb.Append("oe"); break;
            case 'þ': sb.Append("th"); break;
            case 'ø': sb.Append('o'); break;
            case 'đ' or 'ð': sb.Append('d'); break;
            case 'ł': sb.Append('l'); break;
            case 'ı': sb.Append('i'); break;
            default:
                if (lower.IsBmp)
                {
                    sb.Append((char)lower.Value);
                }
                else
                {
                    sb.Append(lower.ToString());
                }

                break;
        }
    }

    private static bool IsApostrophe(int c) => c is '\'' or '\u2018' or '\u2019' or '\u02BC' or '\u2032';

    /// <summary>Scripts whose combining marks are accents to fold; everywhere else a mark is part of the letter.</summary>
    private static bool FoldsAccents(Rune rune) => rune.Value switch
    {
        < 0x0250 => true,                 // Basic Latin to Latin Extended-B
        >= 0x0370 and < 0x0530 => true,   // Greek and Cyrillic
        >= 0x1E00 and < 0x2000 => true,   // Latin Extended Additional, Greek Extended
        >= 0x2C60 and < 0x2C80 => true,   // Latin Extended-C
        >= 0xA720 and < 0xA800 => true,   // Latin Extended-D
        _ => false,
    };
}
