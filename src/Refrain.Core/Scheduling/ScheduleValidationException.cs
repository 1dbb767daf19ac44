namespace Refrain.Scheduling;

/// <summary>A schedule that cannot be stored; the message is one line naming what is wrong.</summary>
public sealed class ScheduleValidationException(string message) : ArgumentException(message);
