using System.Globalization;

namespace Refrain.Matching;

/// <summary>The matcher's acceptance thresholds (configuration <c>Matching</c>).</summary>
public sealed class MatcherOptions
{
    /// <summary>
    /// The lowest total score a candidate may be accepted with. Default 0.55: an exact title and artists with a
    /// matching duration (0.65) pass without an ISRC, as does an exact title and artists when the song's duration is
    /// unknown (0.55); the same title by another artist (at most 0.45 without the ISRC) does not.
    /// </summary>
    public double Floor { get; set; } = 0.55;

    /// <summary>
    /// How far the best candidate must lead the best candidate that is not the same recording. Default 0.05: a
    /// different ISRC, a version penalty, a core-only title or a duration 7 s further off each cost at least this much.
    /// </summary>
    public double Margin { get; set; } = 0.05;

    /// <summary>Stored with every decision; bump it when scoring changes so outdated decisions can be re-evaluated. Default <see cref="SpotifyMatcher.Version"/>.</summary>
    public string Version { get; set; } = SpotifyMatcher.Version;

    /// <summary>Names every bad setting, or returns an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (double.IsNaN(Floor) || Floor is <= 0 or > 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Matching:Floor must be greater than 0 and at most 1 (was {Floor})"));
        }

        if (double.IsNaN(Margin) || Margin is < 0 or > 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Matching:Margin must be between 0 and 1 (was {Margin})"));
        }

        if (string.IsNullOrWhiteSpace(Version))
        {
            errors.Add("Matching:Version must not be empty");
        }

        return errors;
    }
}
