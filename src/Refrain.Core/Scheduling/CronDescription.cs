using System.Globalization;

namespace Refrain.Scheduling;

/// <summary>
/// A cron expression in plain English for people reading a schedule: "every 15 minutes", "at 03:30 every day",
/// "at 09:00 on Monday through Friday", "at 00:00 on day 1 of the month". Common shapes get a sentence; anything else
/// gets a field-by-field wording that states exactly what each field allows, because a wrong sentence is worse than a
/// stiff one.
/// </summary>
public static class CronDescription
{
    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>Describes <paramref name="expression"/>.</summary>
    /// <exception cref="CronFormatException">The text is not a valid cron expression.</exception>
    public static string Describe(string expression)
    {
        var parsed = CronExpression.Parse(expression);
        var text = expression.Trim();
        var fields = (CronExpression.Macros.TryGetValue(text, out var expanded) ? expanded : text)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var second = parsed.HasSeconds ? Parse(fields[0], CronField.Second) : null;
        var offset = parsed.HasSeconds ? 1 : 0;
        var minute = Parse(fields[offset], CronField.Minute);
        var hour = Parse(fields[offset + 1], CronField.Hour);
        var dayOfMonth = Parse(fields[offset + 2], CronField.DayOfMonth);
        var month = Parse(fields[offset + 3], CronField.Month);
        var dayOfWeek = Parse(fields[offset + 4], CronField.DayOfWeek);

        var days = DayPhrase(dayOfMonth, month, dayOfWeek);
        var time = second is null || second.IsSingle(0) ? TimePhrase(minute, hour) : SecondPhrase(second, minute, hour);
        if (time is null || days is null)
        {
            return Generic(second, minute, hour, dayOfMonth, month, dayOfWeek);
        }

        // "at 03:30" needs its days spelled out; "every 15 minutes" on every day says it all alone.
        return days.Length == 0 ? time.Text + (time.IsPointInDay ? " every day" : "") : $"{time.Text} {days}";
    }

    private sealed record Time(string Text, bool IsPointInDay);

    private static Time? SecondPhrase(Field second, Field minute, Field hour)
    {
        if (!minute.IsAny || !hour.IsAny)
        {
            return null;
        }

        if (second.IsAny)
        {
            return new Time("every second", false);
        }

        return second.EvenStep(60) is { } step ? new Time($"every {step} seconds", false) : null;
    }

    private static Time? TimePhrase(Field minute, Field hour)
    {
        if (minute.IsAny && hour.IsAny)
        {
            return new Time("every minute", false);
        }

        if (minute.EvenStep(60) is { } minuteStep)
        {
            if (hour.IsAny)
            {
                return new Time($"every {minuteStep} minutes", false);
            }

            var last = 60 - minuteStep;
            return hour.SingleRange() is { } hours
                ? new Time($"every {minuteStep} minutes from {Clock(hours.From, 0)} through {Clock(hours.To, last)}", false)
                : null;
        }

        if (minute.IsAny)
        {
            return hour.SingleRange() is { } hours ? new Time($"every minute from {Clock(hours.From, 0)} through {Clock(hours.To, 59)}", false) : null;
        }

        if (minute.Values() is not { } minutes)
        {
            return null;
        }

        if (hour.IsAny)
        {
            return new Time($"every hour at {Plural("minute", minutes.Count)} {Join(minutes.Select(Number))}", false);
        }

        if (hour.EvenStep(24) is { } hourStep)
        {
            return new Time($"every {hourStep} hours at {Plural("minute", minutes.Count)} {Join(minutes.Select(Number))}", false);
        }

        if (minutes.Count == 1 && hour.Elements is [{ Step: null, From: var a, To: var b }] && b > a)
        {
            return new Time($"every hour from {Clock(a, minutes[0])} through {Clock(b, minutes[0])}", false);
        }

        if (hour.Values() is { } hourValues && hourValues.Count * minutes.Count <= 8)
        {
            return new Time("at " + Join(hourValues.SelectMany(h => minutes.Select(m => Clock(h, m)))), true);
        }

        return null;
    }

    /// <summary>"" for every day, the words for plain restrictions, or null for shapes that need the generic wording.</summary>
    private static string? DayPhrase(Field dayOfMonth, Field month, Field dayOfWeek)
    {
        // A stepped star ("*/2") counts as unrestricted for Vixie's OR rule but still restricts: leave it to the generic form.
        if (dayOfMonth.IsStarredStep || dayOfWeek.IsStarredStep || month.HasStep || dayOfMonth.HasStep || dayOfWeek.HasStep)
        {
            return null;
        }

        var monthWords = month.IsAny ? null : month.Words(v => MonthNames[v - 1]);
        var parts = new List<string>();
        if (!dayOfMonth.IsAny)
        {
            var numbers = dayOfMonth.Words(Number);
            var plural = dayOfMonth.Elements.Count > 1 || dayOfMonth.Elements[0].From != dayOfMonth.Elements[0].To;
            if (monthWords is not null && dayOfWeek.IsAny)
            {
                parts.Add($"on {(plural ? "days" : "day")} {numbers} of {monthWords}");
                monthWords = null;
            }
            else
            {
                parts.Add($"on {(plural ? "days" : "day")} {numbers} of the month");
            }
        }

        if (!dayOfWeek.IsAny)
        {
            // Both day fields restricted: Vixie cron fires on a day that matches either one.
            parts.Add((parts.Count > 0 ? "or " : "") + "on " + dayOfWeek.Words(v => DayNames[v]));
        }

        if (monthWords is not null)
        {
            parts.Add((parts.Count > 0 ? "" : "every day ") + "in " + monthWords);
        }

        return string.Join(' ', parts);
    }

    private static string Generic(Field? second, Field minute, Field hour, Field dayOfMonth, Field month, Field dayOfWeek)
    {
        var parts = new List<string>();
        if (second is not null)
        {
            parts.Add("second " + second.Generic(Number));
        }

        parts.Add("minute " + minute.Generic(Number));
        parts.Add("hour " + hour.Generic(Number));
        var dayRule = dayOfMonth.IsAny || dayOfWeek.IsAny ? null
            : dayOfMonth.IsStarredStep || dayOfWeek.IsStarredStep ? " and " : " or ";
        if (dayRule is not null)
        {
            parts.Add($"day of month {dayOfMonth.Generic(Number)}{dayRule}day of week {dayOfWeek.Generic(v => DayNames[v])}");
        }
        else if (!dayOfMonth.IsAny)
        {
            parts.Add("day of month " + dayOfMonth.Generic(Number));
        }
        else if (!dayOfWeek.IsAny)
        {
            parts.Add("day of week " + dayOfWeek.Generic(v => DayNames[v]));
        }

        if (!month.IsAny)
        {
            parts.Add("month " + month.Generic(v => MonthNames[v - 1]));
        }

        return string.Join("; ", parts);
    }

    private static Field Parse(string text, CronField field)
    {
        var elements = new List<Element>();
        foreach (var part in text.Split(','))
        {
            var slash = part.Split('/', 2);
            // A step too large for an int is larger than any range, as the parser reads it.
            int? step = slash.Length != 2 ? null : int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : int.MaxValue;
            var range = slash[0];
            if (range is "*" or "?")
            {
                elements.Add(new Element(field.Min, step is null ? field.Max : field.OpenEnd, step, Star: true));
                continue;
            }

            var dash = range.Split('-', 2);
            var from = Value(dash[0], field);
            var to = dash.Length == 2 ? Value(dash[1], field) : step is null ? from : Math.Max(from, field.OpenEnd);
            elements.Add(new Element(from, to, step, Star: false));
        }

        return new Field(elements, field);
    }

    private static int Value(string token, CronField field) =>
        field.TryGetNamedValue(token, out var named) ? named : int.Parse(token, CultureInfo.InvariantCulture);

    private static string Clock(int hour, int minute) => $"{hour:00}:{minute:00}";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Plural(string word, int count) => count == 1 ? word : word + "s";

    /// <summary>"a", "a and b", "a, b and c".</summary>
    private static string Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }

    private sealed record Element(int From, int To, int? Step, bool Star);

    private sealed record Field(IReadOnlyList<Element> Elements, CronField Kind)
    {
        public bool IsAny => Elements is [{ Star: true, Step: null }];

        public bool IsStarredStep => Elements is [{ Star: true, Step: not null }];

        public bool HasStep => Elements.Any(e => e.Step is not null);

        public bool IsSingle(int value) => Elements is [{ Step: null } e] && e.From == value && e.To == value;

        /// <summary>The step of "*/k" when k divides the cycle evenly (so the gap is always k), else null.</summary>
        public int? EvenStep(int cycle) =>
            Elements is [{ Star: true, Step: { } k }] && k > 1 && cycle % k == 0 ? k : null;

        /// <summary>The one value or range without a step ("9", "9-17"), else null.</summary>
        public (int From, int To)? SingleRange() => Elements is [{ Step: null, Star: false } e] && e.To >= e.From ? (e.From, e.To) : null;

        /// <summary>Every value when the field is a list of plain values (no ranges or steps), else null.</summary>
        public List<int>? Values() =>
            Elements.All(e => !e.Star && e.Step is null && e.From == e.To) ? Elements.Select(e => e.From).Distinct().Order().ToList() : null;

        /// <summary>Values and ranges without steps as words: "Monday through Friday", "1 and 15".</summary>
        public string Words(Func<int, string> name) =>
            Join(Elements.Select(e => e.From == e.To ? name(e.From) : $"{name(e.From)} through {name(e.To)}"));

        /// <summary>Exactly what the field allows, steps included: "every 15th from 5 through 59", "any".</summary>
        public string Generic(Func<int, string> name)
        {
            if (IsAny)
            {
                return "any";
            }

            return Join(Elements.Select(e => e.Step is { } k
                ? $"every {Ordinal(k)} from {name(e.From)} through {name(e.To)}"
                : e.From == e.To ? name(e.From) : $"{name(e.From)} through {name(e.To)}"));
        }

        private static string Ordinal(int n)
        {
            var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
            return n.ToString(CultureInfo.InvariantCulture) + suffix;
        }
    }
}
