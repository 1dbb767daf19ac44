namespace Refrain.Matching;

/// <summary>
/// The score of one candidate for one song: weighted components that sum to at most 1.01 (see
/// <see cref="ScoreBreakdown"/>). Changing anything here changes decisions: bump <see cref="SpotifyMatcher.Version"/>.
/// </summary>
internal static class MatchScoring
{
    public const double IsrcWeight = 0.35;
    public const double TitleWeight = 0.25;
    public const double ArtistsWeight = 0.20;
    public const double DurationWeight = 0.20;
    public const double AlbumWeight = 0.01;

    /// <summary>Distinguishing versions disagree (a live take for a studio song, a remix for the original).</summary>
    public const double VersionMismatchPenalty = -0.5;

    /// <summary>Both are, say, remixes or live takes, but by different remixers or at different concerts.</summary>
    public const double VersionDetailPenalty = -0.2;

    /// <summary>Durations within this many milliseconds earn full duration credit.</summary>
    public const int FullDurationCreditMs = 3_000;

    /// <summary>Durations this far apart earn no duration credit.</summary>
    public const int NoDurationCreditMs = 30_000;

    /// <summary>Within this the ISRC counts in full, and two tracks with one ISRC may be the same recording.</summary>
    public const int SameRecordingMs = 2_000;

    public static ScoreBreakdown Score(PreparedFacts song, PreparedFacts candidate)
    {
        int? delta = song.DurationMs is { } s && candidate.DurationMs is { } c ? Math.Abs(s - c) : null;
        var isrc = song.Isrc is not null && string.Equals(song.Isrc, candidate.Isrc, StringComparison.Ordinal)
            ? Round(IsrcWeight * IsrcCredit(delta))
            : 0;
        var title = Round(TitleWeight * TitleCredit(song.Title, candidate.Title));
        var artists = Round(ArtistsWeight * song.Artists.Agreement(candidate.Artists));
        var duration = Round(DurationWeight * DurationCredit(delta));
        var album = Round(AlbumWeight * AlbumCredit(song, candidate));
        var penalty = VersionPenalty(song, candidate);
        return new ScoreBreakdown(isrc, title, artists, duration, album, penalty, Round(isrc + title + artists + duration + album + penalty));
    }

    /// <summary>Full credit within 2 s; further apart one ISRC may be on an edit or another master, so it proves less.</summary>
    public static double IsrcCredit(int? deltaMs) => deltaMs switch
    {
        null or <= SameRecordingMs => 1,
        <= 10_000 => 0.8 - (0.4 * (deltaMs.Value - SameRecordingMs) / 8_000),
        <= 30_000 => 0.4 - (0.1 * (deltaMs.Value - 10_000) / 20_000),
        _ => 0.3,
    };

    /// <summary>1 within 3 s, falling linearly to 0 at 30 s; ½ (neutral) when either duration is unknown.</summary>
    public static double DurationCredit(int? deltaMs) => deltaMs switch
    {
        null => 0.5,
        <= FullDurationCreditMs => 1,
        >= NoDurationCreditMs => 0,
        _ => 1 - ((double)(deltaMs.Value - FullDurationCreditMs) / (NoDurationCreditMs - FullDurationCreditMs)),
    };

    /// <summary>1 for the same words, 0.8 when only the core agrees, up to 0.7 for a near spelling (bigram Dice above 0.7).</summary>
    public static double TitleCredit(ParsedTitle song, ParsedTitle candidate)
    {
        if (string.Equals(song.Full, candidate.Full, StringComparison.Ordinal))
        {
            return 1;
        }

        if (string.Equals(song.Core, candidate.Core, StringComparison.Ordinal)
            || string.Equals(song.Full, candidate.Core, StringComparison.Ordinal)
            || string.Equals(song.Core, candidate.Full, StringComparison.Ordinal))
        {
            return 0.8;
        }

        var dice = Math.Max(Similarity.Dice(song.Full, candidate.Full), Similarity.Dice(song.Core, candidate.Core));
        return dice > 0.7 ? 0.7 * (dice - 0.7) / 0.3 : 0;
    }

    public static double VersionPenalty(PreparedFacts song, PreparedFacts candidate)
    {
        var missing = song.Title.Kinds & ~candidate.Title.Kinds;
        var extra = candidate.Title.Kinds & ~song.Title.Kinds;
        if ((missing != VersionKind.None && (missing & ~candidate.AlbumKinds) != VersionKind.None)
            || (extra != VersionKind.None && (extra & ~song.AlbumKinds) != VersionKind.None))
        {
            return VersionMismatchPenalty;
        }

        return song.Title.DetailsCompatibleWith(candidate.Title) ? 0 : VersionDetailPenalty;
    }

    private static double AlbumCredit(PreparedFacts song, PreparedFacts candidate)
    {
        if (song.Album is not { } mine || candidate.Album is not { } theirs)
        {
            return 0;
        }

        if (string.Equals(mine.Full, theirs.Full, StringComparison.Ordinal))
        {
            return 1;
        }

        return string.Equals(mine.Core, theirs.Core, StringComparison.Ordinal) ? 0.5 : 0;
    }

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
