using System.Text.RegularExpressions;

namespace Refrain.Catalog;

/// <summary>The identifier formats a catalog row must respect.</summary>
public static partial class CatalogRules
{
    /// <summary>ISO 3901: country, registrant, year, designation.</summary>
    [GeneratedRegex("^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$")]
    public static partial Regex Isrc();

    /// <summary>A Spotify base-62 id: 22 characters.</summary>
    [GeneratedRegex("^[0-9A-Za-z]{22}$")]
    public static partial Regex SpotifyId();

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    public static partial Regex Mbid();

    [GeneratedRegex(@"^\d{4}(-\d{2}(-\d{2})?)?$")]
    public static partial Regex ReleaseDate();
}
