namespace Refrain.Matching;

/// <summary>
/// Why a candidate scored what it did. Every component is its weighted contribution, so
/// <see cref="Total"/> is their sum (rounded to four decimals).
/// </summary>
/// <param name="Isrc">0 to 0.35: the candidate carries the song's ISRC; reduced when their durations are more than 2 s apart.</param>
/// <param name="Title">0 to 0.25: 1 × weight for the same normalised title, 0.8 × when only the core (without unrecognised brackets) agrees, up to 0.7 × for a near spelling.</param>
/// <param name="Artists">0 to 0.20: the song's artists found among the candidate's (feat. credits included), slightly less when the candidate credits others too.</param>
/// <param name="Duration">0 to 0.20: full within 3 s, falling linearly to none at 30 s; half when either duration is unknown.</param>
/// <param name="Album">0 to 0.01: the album names agree; only breaks ties.</param>
/// <param name="VersionPenalty">0, −0.2 when the same kind of version names different details (another remixer, another concert), or −0.5 when distinguishing versions (live, remix, acoustic...) disagree.</param>
/// <param name="Total">The sum of the components.</param>
public sealed record ScoreBreakdown(double Isrc, double Title, double Artists, double Duration, double Album, double VersionPenalty, double Total);
