namespace Refrain.Scheduling;

/// <summary>
/// Thrown by <see cref="CronExpression.Parse"/> for text that is not a valid cron expression.
/// The message is one line naming the field and the reason, e.g.
/// <c>minute field: value 60 is out of range 0-59</c>.
/// </summary>
public sealed class CronFormatException : FormatException
{
    public CronFormatException()
    {
    }

    public CronFormatException(string? message)
        : base(message)
    {
    }

    public CronFormatException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public CronFormatException(string? message, string? field)
        : base(message)
    {
        Field = field;
    }

    /// <summary>
    /// The offending field (<c>second</c>, <c>minute</c>, <c>hour</c>, <c>day-of-month</c>, <c>month</c>,
    /// <c>day-of-week</c>), or null when the error is about the expression as a whole (field count, macro).
    /// </summary>
    public string? Field { get; }
}
