using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Refrain.Sandbox;

/// <summary>
/// A Web API search query: field filters (<c>track:</c>, <c>artist:</c>, <c>album:</c>, <c>isrc:</c>, quoted or not) and free
/// words. Every word must occur in its field (case, accents and punctuation ignored), as Spotify matches.
/// </summary>
internal sealed partial class SearchQuery
{
    private readonly List<string> _track = [];
    private readonly List<string> _artist = [];
    private readonly List<string> _album = [];
    private readonly List<string> _free = [];

    public string? Isrc { get; private set; }

    /// <summary>The words of the <c>track:</c> filter, for ranking exact titles first.</summary>
    public string TrackPhrase => string.Join(' ', _track);

    public bool IsEmpty => Isrc is null && _track.Count + _artist.Count + _album.Count + _free.Count == 0;

    public static SearchQuery Parse(string q)
    {
        var query = new SearchQuery();
        foreach (Match m in Term().Matches(q))
        {
            var field = m.Groups["field"].Success ? m.Groups["field"].Value.ToLowerInvariant() : null;
            var value = m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["word"].Value;
            switch (field)
            {
                case "isrc":
                    query.Isrc = value.Trim().ToUpperInvariant();
                    break;
                case "track":
                    query._track.AddRange(Words(value));
                    break;
                case "artist":
                    query._artist.AddRange(Words(value));
                    break;
                case "album":
                    query._album.AddRange(Words(value));
                    break;
                case null:
                    query._free.AddRange(Words(value));
                    break;
                default:
                    break; // year:, genre:, tag:… narrow nothing here
            }
        }

        return query;
    }

    public bool Matches(IndexedTrack t) =>
        (Isrc is null || string.Equals(t.Track.Isrc, Isrc, StringComparison.OrdinalIgnoreCase))
        && _track.All(t.Name.Contains)
        && _artist.All(t.Artists.Contains)
        && _album.All(t.Album.Contains)
        && _free.All(w => t.Name.Contains(w) || t.Artists.Contains(w) || t.Album.Contains(w));

    /// <summary>Lower-case words without accents or punctuation.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            kept.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return kept.ToString().Normalize(NormalizationForm.FormC).Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    [GeneratedRegex("""(?:(?<field>[A-Za-z]+):)?(?:"(?<quoted>[^"]*)"|(?<word>[^\s"]+))""")]
    private static partial Regex Term();
}
