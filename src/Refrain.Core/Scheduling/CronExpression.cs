using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace Refrain.Scheduling;

/// <summary>
/// A parsed cron expression: five fields (minute hour day-of-month month day-of-week), optionally led by a
/// seconds field, or one of the macros <c>@yearly</c>, <c>@annually</c>, <c>@monthly</c>, <c>@weekly</c>,
/// <c>@daily</c>, <c>@midnight</c>, <c>@hourly</c>. Occurrences are computed in the wall-clock time of a
/// <see cref="TimeZoneInfo"/>, with the daylight-saving rules of the Cronos library.
/// </summary>
/// <remarks>
/// <para>
/// Day matching follows Vixie cron: when day-of-month and day-of-week are both restricted, a day matches if
/// <em>either</em> matches. A field counts as unrestricted when its text begins with <c>*</c> (or <c>?</c>) —
/// this includes stepped stars such as <c>*/2</c>, exactly as Vixie cron's <c>DOM_STAR</c>/<c>DOW_STAR</c>
/// flags do. When either field is unrestricted the two sets are combined with AND, so <c>0 0 */2 * sun</c>
/// fires on Sundays that fall on an odd date (cronie's crontab(5) documents this example), while
/// <c>0 0 * * sun</c> fires every Sunday.
/// </para>
/// <para>
/// Daylight saving (as Cronos): a wall-clock time that does not exist (spring-forward gap) fires at the first
/// instant after the gap, and all such times of one gap collapse into that single occurrence. A wall-clock
/// time that exists twice (fall-back overlap) fires in the first pass only, unless the expression is
/// interval-based (<see cref="IsInterval"/>), in which case it fires in both passes.
/// </para>
/// </remarks>
public sealed class CronExpression
{
    /// <summary>How far ahead <see cref="GetNextOccurrence"/> looks before giving up.</summary>
    public const int SearchHorizonYears = 30;

    /// <summary>The @ shorthands and the five fields each stands for.</summary>
    internal static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    private readonly ulong _seconds;
    private readonly ulong _minutes;
    private readonly ulong _hours;
    private readonly ulong _months;

    // Index: weekday of the 1st of a month (0 = Sunday). Bits 1-31: days of such a month that match both
    // day fields, already combined with Vixie's OR/AND rule. Days beyond the month's length are masked later.
    private readonly ulong[] _dayMasksByFirstWeekday;

    private CronExpression(
        string expression,
        bool hasSeconds,
        ulong seconds,
        ulong minutes,
        ulong hours,
        ulong daysOfMonth,
        ulong months,
        ulong daysOfWeek,
        bool dayOfMonthStar,
        bool dayOfWeekStar,
        bool isInterval)
    {
        Expression = expression;
        HasSeconds = hasSeconds;
        IsInterval = isInterval;
        _seconds = seconds;
        _minutes = minutes;
        _hours = hours;
        _months = months;

        var either = !dayOfMonthStar && !dayOfWeekStar;
        _dayMasksByFirstWeekday = new ulong[7];
        for (var firstWeekday = 0; firstWeekday < 7; firstWeekday++)
        {
            ulong weekdayDays = 0;
            for (var day = 1; day <= 31; day++)
            {
                if ((daysOfWeek & (1UL << ((firstWeekday + day - 1) % 7))) != 0)
                {
                    weekdayDays |= 1UL << day;
                }
            }

            _dayMasksByFirstWeekday[firstWeekday] = either ? daysOfMonth | weekdayDays : daysOfMonth & weekdayDays;
        }

        // With OR semantics every month has matching weekdays. With AND semantics a day-of-month that exists in
        // one of the months suffices: every calendar date (Feb 29 included) falls on every weekday in some year,
        // though Feb 29 on a given weekday can be up to 40 years away (beyond the search horizon).
        CanEverFire = either || AnyMonthHasDay(months, daysOfMonth);
    }

    /// <summary>The text the expression was parsed from, unchanged.</summary>
    public string Expression { get; }

    /// <summary>True when the expression has six fields, the first being seconds.</summary>
    public bool HasSeconds { get; }

    /// <summary>
    /// False when no calendar date can ever match, e.g. <c>0 0 30 2 *</c> (February 30th) or <c>0 0 31 4 *</c>.
    /// Such expressions parse, but never yield an occurrence.
    /// </summary>
    public bool CanEverFire { get; }

    /// <summary>
    /// True if the expression is a "wildcard-ish" time expression for DST overlap purposes: its seconds,
    /// minutes or hours field contains <c>*</c>, a range or a step (Cronos calls these interval-based).
    /// Such expressions fire in both passes of a fall-back overlap; others fire only in the first pass.
    /// In a five-field expression the implicit seconds field is the plain value 0.
    /// </summary>
    public bool IsInterval { get; }

    /// <summary>Parses <paramref name="expression"/>.</summary>
    /// <exception cref="CronFormatException">The text is not a valid cron expression.</exception>
    public static CronExpression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (TryParseCore(expression, out var result, out var error, out var field))
        {
            return result;
        }

        throw new CronFormatException(error, field);
    }

    /// <summary>Parses <paramref name="expression"/>, reporting a one-line reason instead of throwing.</summary>
    public static bool TryParse(
        string expression,
        [NotNullWhen(true)] out CronExpression? result,
        [NotNullWhen(false)] out string? error)
    {
        if (expression is null)
        {
            result = null;
            error = "expression is null";
            return false;
        }

        return TryParseCore(expression, out result, out error, out _);
    }

    /// <summary>
    /// The first fire time strictly after <paramref name="from"/>, evaluated in the wall-clock time of
    /// <paramref name="zone"/> and returned with the zone's offset at that instant; null when there is none
    /// within <see cref="SearchHorizonYears"/> years. Fractions of a second in <paramref name="from"/> are ignored
    /// (the result is the next whole second that matches).
    /// </summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset from, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!CanEverFire)
        {
            return null;
        }

        var utcTicks = from.UtcTicks - (from.UtcTicks % TimeSpan.TicksPerSecond);
        var fromUtc = new DateTime(utcTicks, DateTimeKind.Utc);
        var fromOffset = zone.GetUtcOffset(fromUtc);
        var localTicks = utcTicks + fromOffset.Ticks;
        if (localTicks < DateTime.MinValue.Ticks || localTicks >= DateTime.MaxValue.Ticks - TimeSpan.TicksPerSecond)
        {
            return null;
        }

        var fromLocal = new DateTime(localTicks, DateTimeKind.Unspecified);
        var limit = fromLocal.Year > DateTime.MaxValue.Year - SearchHorizonYears
            ? DateTime.MaxValue
            : fromLocal.AddYears(SearchHorizonYears);

        var cursor = fromLocal;
        var inclusive = false;

        if (Resolve(zone, fromLocal, out var early, out var late) == LocalTime.Ambiguous)
        {
            // `from` lies inside a fall-back overlap.
            var (overlapStart, overlapEnd) = GetOverlapBounds(zone, fromLocal, early, late);

            if (fromOffset == early)
            {
                // First pass: whatever is left of it fires, for any expression.
                var found = FindLocal(fromLocal, inclusive: false, limit);
                if (found < overlapEnd)
                {
                    return new DateTimeOffset(found.Value, early);
                }

                cursor = overlapStart;
                inclusive = true;
            }

            // Second pass: only interval-based expressions fire again.
            if (IsInterval)
            {
                var found = FindLocal(cursor, inclusive, limit);
                if (found < overlapEnd)
                {
                    return new DateTimeOffset(found.Value, late);
                }
            }

            cursor = overlapEnd;
            inclusive = true;
        }

        while (FindLocal(cursor, inclusive, limit) is { } occurrence)
        {
            var next = Resolve(zone, occurrence, out early, out _) switch
            {
                LocalTime.Skipped => GetGapEnd(zone, occurrence),
                _ => new DateTimeOffset(occurrence, early), // ambiguous: the first pass
            };

            // Always true for consistent zone data; guards against looping on odd historical transitions.
            if (next.UtcTicks > utcTicks)
            {
                return next;
            }

            cursor = occurrence;
            inclusive = false;
        }

        return null;
    }

    /// <summary>
    /// Up to <paramref name="count"/> consecutive fire times strictly after <paramref name="from"/>; fewer
    /// (possibly none) when the expression stops firing within the search horizon.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> GetOccurrences(DateTimeOffset from, TimeZoneInfo zone, int count)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        var occurrences = new List<DateTimeOffset>(Math.Min(count, 64));
        var cursor = from;
        while (occurrences.Count < count && GetNextOccurrence(cursor, zone) is { } next)
        {
            occurrences.Add(next);
            cursor = next;
        }

        return occurrences;
    }

    public override string ToString() => Expression;

    // ---------------------------------------------------------------------------------------------------
    // Searching in wall-clock time
    // ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// The first wall-clock time at or after (<paramref name="inclusive"/>) / strictly after
    /// <paramref name="start"/> that matches every field, or null past <paramref name="limit"/>.
    /// Walks field by field, largest first, using the bitmasks.
    /// </summary>
    private DateTime? FindLocal(DateTime start, bool inclusive, DateTime limit)
    {
        if (!inclusive)
        {
            start = start.AddSeconds(1);
        }

        int year = start.Year, month = start.Month, day = start.Day;
        int hour = start.Hour, minute = start.Minute, second = start.Second;

        while (year <= limit.Year)
        {
            var nextMonth = NextBit(_months, month);
            if (nextMonth < 0)
            {
                year++;
                month = 1;
                day = 1;
                hour = minute = second = 0;
                continue;
            }

            if (nextMonth != month)
            {
                month = nextMonth;
                day = 1;
                hour = minute = second = 0;
            }

            var nextDay = NextDay(year, month, day);
            if (nextDay < 0)
            {
                month++;
                day = 1;
                hour = minute = second = 0;
                continue;
            }

            if (nextDay != day)
            {
                day = nextDay;
                hour = minute = second = 0;
            }

            var nextHour = NextBit(_hours, hour);
            if (nextHour < 0)
            {
                day++;
                hour = minute = second = 0;
                continue;
            }

            if (nextHour != hour)
            {
                hour = nextHour;
                minute = second = 0;
            }

            var nextMinute = NextBit(_minutes, minute);
            if (nextMinute < 0)
            {
                hour++;
                minute = second = 0;
                continue;
            }

            if (nextMinute != minute)
            {
                minute = nextMinute;
                second = 0;
            }

            var nextSecond = NextBit(_seconds, second);
            if (nextSecond < 0)
            {
                minute++;
                second = 0;
                continue;
            }

            var found = new DateTime(year, month, day, hour, minute, nextSecond, DateTimeKind.Unspecified);
            return found <= limit ? found : null;
        }

        return null;
    }

    /// <summary>The first matching day of the month at or after <paramref name="fromDay"/>, or -1.</summary>
    private int NextDay(int year, int month, int fromDay)
    {
        var daysInMonth = DateTime.DaysInMonth(year, month);
        if (fromDay > daysInMonth)
        {
            return -1;
        }

        var firstWeekday = (int)new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified).DayOfWeek;
        var monthDays = ((1UL << (daysInMonth + 1)) - 1) & ~1UL;
        return NextBit(_dayMasksByFirstWeekday[firstWeekday] & monthDays, fromDay);
    }

    /// <summary>The lowest set bit of <paramref name="mask"/> at or above <paramref name="from"/>, or -1.</summary>
    private static int NextBit(ulong mask, int from)
    {
        if (from > 63)
        {
            return -1;
        }

        var remaining = mask & (ulong.MaxValue << from);
        return remaining == 0 ? -1 : BitOperations.TrailingZeroCount(remaining);
    }

    private static bool AnyMonthHasDay(ulong months, ulong daysOfMonth)
    {
        // Longest length of each month in any year (February has 29 days in leap years).
        ReadOnlySpan<int> longest = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        for (var month = 1; month <= 12; month++)
        {
            var monthDays = ((1UL << (longest[month] + 1)) - 1) & ~1UL;
            if ((months & (1UL << month)) != 0 && (daysOfMonth & monthDays) != 0)
            {
                return true;
            }
        }

        return false;
    }

    // ---------------------------------------------------------------------------------------------------
    // Time-zone transitions
    // ---------------------------------------------------------------------------------------------------

    private enum LocalTime
    {
        Normal,
        Skipped,
        Ambiguous,
    }

    /// <summary>
    /// Classifies a wall-clock time of <paramref name="zone"/> using only UTC-to-offset lookups (the local-time
    /// helpers of <see cref="TimeZoneInfo"/> are unreliable around historical base-offset changes).
    /// <paramref name="early"/> is the offset of the first (or only) instant showing that time,
    /// <paramref name="late"/> that of the second pass of an overlap.
    /// </summary>
    private static LocalTime Resolve(TimeZoneInfo zone, DateTime local, out TimeSpan early, out TimeSpan late)
    {
        var ticks = local.Ticks;
        if (ReferenceEquals(zone, TimeZoneInfo.Utc))
        {
            early = late = TimeSpan.Zero;
            return LocalTime.Normal;
        }

        // Offsets in force a day either side: a transition affecting `local` lies between them.
        var before = OffsetAt(zone, ticks - TimeSpan.TicksPerDay);
        var after = OffsetAt(zone, ticks + TimeSpan.TicksPerDay);
        var beforeValid = OffsetAt(zone, ticks - before.Ticks) == before;
        var afterValid = before == after ? beforeValid : OffsetAt(zone, ticks - after.Ticks) == after;

        if (beforeValid && afterValid && before != after)
        {
            early = before > after ? before : after;
            late = before > after ? after : before;
            return LocalTime.Ambiguous;
        }

        if (beforeValid || afterValid)
        {
            early = late = beforeValid ? before : after;
            return LocalTime.Normal;
        }

        if (before < after)
        {
            early = late = after;
            return LocalTime.Skipped;
        }

        // Two transitions within two days; let TimeZoneInfo decide.
        early = late = zone.GetUtcOffset(local);
        return LocalTime.Normal;
    }

    private static TimeSpan OffsetAt(TimeZoneInfo zone, long utcTicks)
        => zone.GetUtcOffset(new DateTime(Math.Clamp(utcTicks, 0, DateTime.MaxValue.Ticks), DateTimeKind.Utc));

    /// <summary>
    /// Wall-clock bounds [start, end) of the fall-back overlap containing <paramref name="local"/>: the clock
    /// runs up to <c>end</c> at the early offset, then restarts at <c>start</c> at the late offset.
    /// </summary>
    private static (DateTime Start, DateTime End) GetOverlapBounds(
        TimeZoneInfo zone,
        DateTime local,
        TimeSpan early,
        TimeSpan late)
    {
        // The transition instant lies after `local` read at the early offset and no later than `local` read
        // at the late offset; find the first second that already has the late offset.
        var transition = FirstInstant(
            local.Ticks - early.Ticks,
            local.Ticks - late.Ticks,
            ticks => OffsetAt(zone, ticks) != early);
        return (new DateTime(transition + late.Ticks, DateTimeKind.Unspecified),
            new DateTime(transition + early.Ticks, DateTimeKind.Unspecified));
    }

    /// <summary>The first instant after the spring-forward gap containing the invalid time <paramref name="local"/>.</summary>
    private static DateTimeOffset GetGapEnd(TimeZoneInfo zone, DateTime local)
    {
        var day = TimeSpan.TicksPerDay;
        var before = OffsetAt(zone, local.Ticks - day).Ticks;
        var after = OffsetAt(zone, local.Ticks + day).Ticks;

        // Read at the offset in force before the gap, `local` is an instant after the transition; read at
        // the offset after it, an instant before. Fall back to a two-day window if the probes disagree.
        long low = local.Ticks - after, high = local.Ticks - before;
        if (after <= before)
        {
            low = local.Ticks - day;
            high = local.Ticks + day;
        }

        var transition = FirstInstant(
            low,
            high,
            ticks => ticks + OffsetAt(zone, ticks).Ticks > local.Ticks);
        var offset = OffsetAt(zone, transition);
        return new DateTimeOffset(new DateTime(transition + offset.Ticks, DateTimeKind.Unspecified), offset);
    }

    /// <summary>
    /// Binary search, to the second, for the first UTC instant (in ticks) in (<paramref name="low"/>,
    /// <paramref name="high"/>] where <paramref name="reached"/> holds, assuming it is false at low and true at high.
    /// </summary>
    private static long FirstInstant(long low, long high, Func<long, bool> reached)
    {
        low -= low % TimeSpan.TicksPerSecond;
        high += (TimeSpan.TicksPerSecond - (high % TimeSpan.TicksPerSecond)) % TimeSpan.TicksPerSecond;
        while (high - low > TimeSpan.TicksPerSecond)
        {
            var middle = low + ((high - low) / TimeSpan.TicksPerSecond / 2 * TimeSpan.TicksPerSecond);
            if (reached(middle))
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high;
    }

    // ---------------------------------------------------------------------------------------------------
    // Parsing
    // ---------------------------------------------------------------------------------------------------

    private static bool TryParseCore(
        string expression,
        [NotNullWhen(true)] out CronExpression? result,
        [NotNullWhen(false)] out string? error,
        out string? errorField)
    {
        result = null;
        errorField = null;

        var text = expression.Trim();
        if (text.Length == 0)
        {
            error = "expression is empty";
            return false;
        }

        if (text[0] == '@')
        {
            if (!Macros.TryGetValue(text, out var expansion))
            {
                error = string.Create(CultureInfo.InvariantCulture, $"unknown macro '{text}'");
                return false;
            }

            text = expansion;
        }

        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (5 or 6))
        {
            error = string.Create(CultureInfo.InvariantCulture, $"expected 5 or 6 fields but found {parts.Length}");
            return false;
        }

        var hasSeconds = parts.Length == 6;
        var offset = hasSeconds ? 1 : 0;
        ulong seconds = 1; // five-field expressions fire at second 0
        var isInterval = false;

        if (hasSeconds && !TryParseField(parts[0], CronField.Second, out seconds, ref isInterval, out error, out errorField))
        {
            return false;
        }

        if (!TryParseField(parts[offset], CronField.Minute, out var minutes, ref isInterval, out error, out errorField)
            || !TryParseField(parts[offset + 1], CronField.Hour, out var hours, ref isInterval, out error, out errorField)
            || !TryParseField(parts[offset + 2], CronField.DayOfMonth, out var daysOfMonth, ref isInterval, out error, out errorField)
            || !TryParseField(parts[offset + 3], CronField.Month, out var months, ref isInterval, out error, out errorField)
            || !TryParseField(parts[offset + 4], CronField.DayOfWeek, out var daysOfWeek, ref isInterval, out error, out errorField))
        {
            return false;
        }

        // 7 is Sunday too.
        if ((daysOfWeek & (1UL << 7)) != 0)
        {
            daysOfWeek = (daysOfWeek | 1UL) & ~(1UL << 7);
        }

        result = new CronExpression(
            expression,
            hasSeconds,
            seconds,
            minutes,
            hours,
            daysOfMonth,
            months,
            daysOfWeek,
            dayOfMonthStar: IsStar(parts[offset + 2]),
            dayOfWeekStar: IsStar(parts[offset + 4]),
            isInterval);
        error = null;
        return true;
    }

    /// <summary>Vixie cron's DOM_STAR/DOW_STAR test: the field text begins with '*' (or its synonym '?').</summary>
    private static bool IsStar(string fieldText) => fieldText[0] is '*' or '?';

    private static bool TryParseField(
        string text,
        CronField field,
        out ulong mask,
        ref bool isInterval,
        [NotNullWhen(false)] out string? error,
        out string? errorField)
    {
        mask = 0;
        foreach (var item in text.Split(','))
        {
            var reason = ParseItem(item, field, ref mask, ref isInterval);
            if (reason is not null)
            {
                error = field.Name + " field: " + reason;
                errorField = field.Name;
                return false;
            }
        }

        error = null;
        errorField = null;
        return true;
    }

    /// <summary>Adds one list item (<c>*</c>, <c>a</c>, <c>a-b</c>, each optionally <c>/step</c>) to the mask.</summary>
    /// <returns>Null on success, else the reason it is invalid.</returns>
    private static string? ParseItem(string item, CronField field, ref ulong mask, ref bool isInterval)
    {
        if (item.Length == 0)
        {
            return "empty list item";
        }

        var body = item;
        var step = 1;
        var hasStep = false;
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            body = item[..slash];
            var stepText = item[(slash + 1)..];
            if (stepText.Length == 0 || !IsDigits(stepText))
            {
                return $"invalid step '{stepText}'";
            }

            if (!int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out step))
            {
                step = int.MaxValue; // larger than any range: fires at the range start only
            }

            if (step == 0)
            {
                return "step must be positive";
            }

            hasStep = true;
        }

        int start, end;
        var isPlainValue = false;
        if (body is "*" or "?")
        {
            if (body == "?" && !field.AllowsQuestionMark)
            {
                return "'?' is only allowed in the day-of-month and day-of-week fields";
            }

            start = field.Min;
            end = field.OpenEnd;
        }
        else
        {
            var dash = body.IndexOf('-', StringComparison.Ordinal);
            if (dash >= 0)
            {
                var first = body[..dash];
                var last = body[(dash + 1)..];
                if (first.Length == 0 || last.Length == 0 || last.Contains('-', StringComparison.Ordinal))
                {
                    return $"invalid range '{body}'";
                }

                var reason = ParseValue(first, field, out start);
                if (reason is not null)
                {
                    return reason;
                }

                reason = ParseValue(last, field, out end);
                if (reason is not null)
                {
                    return reason;
                }

                if (start > end)
                {
                    return $"range {first}-{last} is reversed";
                }
            }
            else
            {
                var reason = ParseValue(body, field, out start);
                if (reason is not null)
                {
                    return reason;
                }

                // "5/15" runs from 5 to the end of the field.
                end = hasStep ? Math.Max(start, field.OpenEnd) : start;
                isPlainValue = !hasStep;
            }
        }

        if (!isPlainValue && field.DefinesTimeInterval)
        {
            isInterval = true;
        }

        for (long value = start; value <= end; value += step)
        {
            mask |= 1UL << (int)value;
        }

        return null;
    }

    private static string? ParseValue(string token, CronField field, out int value)
    {
        if (IsDigits(token))
        {
            if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value)
                || value < field.Min
                || value > field.Max)
            {
                value = 0;
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"value {token.TrimStart('0').PadLeft(1, '0')} is out of range {field.Min}-{field.Max}");
            }

            return null;
        }

        if (field.TryGetNamedValue(token, out value))
        {
            return null;
        }

        return $"invalid value '{token}'";
    }

    private static bool IsDigits(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
