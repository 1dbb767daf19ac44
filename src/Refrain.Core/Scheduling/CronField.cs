namespace Refrain.Scheduling;

/// <summary>Static description of one cron field: its name, accepted values and names.</summary>
internal sealed class CronField
{
    private static readonly string[] MonthNames =
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static readonly CronField Second = new("second", 0, 59, 59, null, 0, allowsQuestionMark: false, definesTimeInterval: true);
    public static readonly CronField Minute = new("minute", 0, 59, 59, null, 0, allowsQuestionMark: false, definesTimeInterval: true);
    public static readonly CronField Hour = new("hour", 0, 23, 23, null, 0, allowsQuestionMark: false, definesTimeInterval: true);
    public static readonly CronField DayOfMonth = new("day-of-month", 1, 31, 31, null, 0, allowsQuestionMark: true, definesTimeInterval: false);
    public static readonly CronField Month = new("month", 1, 12, 12, MonthNames, 1, allowsQuestionMark: false, definesTimeInterval: false);

    // Day-of-week accepts 0-7 (0 and 7 are both Sunday), but "*" and open-ended steps ("tue/2") run to
    // Saturday (6): the week ends on Saturday, and "mon/2" means Mon, Wed, Fri rather than also Sunday.
    public static readonly CronField DayOfWeek = new("day-of-week", 0, 7, 6, DayNames, 0, allowsQuestionMark: true, definesTimeInterval: false);

    private readonly string[]? _names;
    private readonly int _firstNameValue;

    private CronField(
        string name,
        int min,
        int max,
        int openEnd,
        string[]? names,
        int firstNameValue,
        bool allowsQuestionMark,
        bool definesTimeInterval)
    {
        Name = name;
        Min = min;
        Max = max;
        OpenEnd = openEnd;
        _names = names;
        _firstNameValue = firstNameValue;
        AllowsQuestionMark = allowsQuestionMark;
        DefinesTimeInterval = definesTimeInterval;
    }

    /// <summary>Name used in error messages and <see cref="CronFormatException.Field"/>.</summary>
    public string Name { get; }

    /// <summary>Smallest accepted value.</summary>
    public int Min { get; }

    /// <summary>Largest accepted value.</summary>
    public int Max { get; }

    /// <summary>Where <c>*</c> and an open-ended step such as <c>5/15</c> stop.</summary>
    public int OpenEnd { get; }

    /// <summary>Whether <c>?</c> is accepted as a synonym of <c>*</c>.</summary>
    public bool AllowsQuestionMark { get; }

    /// <summary>Seconds, minutes and hours: a <c>*</c>, range or step here makes the expression interval-based.</summary>
    public bool DefinesTimeInterval { get; }

    /// <summary>Resolves a three-letter name (any case) to its value.</summary>
    public bool TryGetNamedValue(string token, out int value)
    {
        if (_names is not null && token.Length == 3)
        {
            for (var i = 0; i < _names.Length; i++)
            {
                if (string.Equals(_names[i], token, StringComparison.OrdinalIgnoreCase))
                {
                    value = i + _firstNameValue;
                    return true;
                }
            }
        }

        value = 0;
        return false;
    }
}
