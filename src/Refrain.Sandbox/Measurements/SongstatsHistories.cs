namespace Refrain.Sandbox;

/// <summary>
/// The stream histories the Songstats stand-in serves, generated from the ISRC alone (any well-formed ISRC, in the catalog or
/// not): the same ISRC always has the same history. About one ISRC in ten has none (404). A history starts on
/// <see cref="FirstDay"/>, grows every day, and omits about one day in seventeen (a gap: Songstats has no value that day). About
/// one history in five has a dip: on <see cref="DipDay"/> the reported total is 1,000 below the previous day's (a correction),
/// and the next day is back on the true curve.
/// </summary>
public static class SongstatsHistories
{
    /// <summary>How far below the previous day's total the dip day reports.</summary>
    public const long Dip = 1000;

    public static bool HasHistory(string isrc) => Hash(isrc, -1) % 10 != 0;

    public static DateOnly FirstDay(string isrc) => new DateOnly(2016, 1, 1).AddDays((int)(Hash(isrc, -2) % 2500));

    /// <summary>The day whose total is below the previous one's, or null when the history has none.</summary>
    public static DateOnly? DipDay(string isrc) => Hash(isrc, -3) % 5 == 0 ? FirstDay(isrc).AddDays(40) : null;

    /// <summary>True when Songstats has no value for the day (a gap). The dip day and the day before it are never gaps.</summary>
    public static bool IsGap(string isrc, DateOnly day) =>
        DipDay(isrc) is not { } dip || (day != dip && day != dip.AddDays(-1)) ? Hash(isrc, day.DayNumber) % 17 == 0 : false;

    /// <summary>The reported totals from <paramref name="from"/> to <paramref name="to"/> inclusive, gaps left out, oldest first.</summary>
    public static IReadOnlyList<(DateOnly Date, long Total)> History(string isrc, DateOnly from, DateOnly to)
    {
        var points = new List<(DateOnly, long)>();
        if (!HasHistory(isrc))
        {
            return points;
        }

        var rate = 200 + (long)(Hash(isrc, -4) % 5000);
        var dip = DipDay(isrc);
        long total = 0, previous = 0;
        for (var day = FirstDay(isrc); day <= to; day = day.AddDays(1))
        {
            previous = total;
            total += rate + (long)(Hash(isrc, day.DayNumber + 100_000) % (ulong)rate);
            if (day >= from && !IsGap(isrc, day))
            {
                points.Add((day, day == dip ? previous - Dip : total));
            }
        }

        return points;
    }

    /// <summary>FNV-1a over the ISRC and a salt: stable across processes (string.GetHashCode is not).</summary>
    private static ulong Hash(string isrc, int salt)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in isrc.ToUpperInvariant())
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        for (var i = 0; i < 4; i++)
        {
            hash = (hash ^ (byte)(salt >> (8 * i))) * 1099511628211UL;
        }

        return hash ^ (hash >> 29);
    }
}
