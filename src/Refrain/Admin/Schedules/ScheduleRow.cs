using Refrain.Runs;
using Refrain.Scheduling;

namespace Refrain.Admin.Schedules;

/// <summary>One schedule as the dashboard lists it: the stored rule, its owner's name, its cron in words and its last run.</summary>
internal sealed record ScheduleRow(ScheduleRecord Schedule, string Account, string Description, RunRecord? LastRun)
{
    /// <summary>The schedule's page: by id, so system and account schedules of the same name never collide.</summary>
    public string Href => ScheduleLinks.Page(Schedule.Id);

    /// <summary>Who owns it: "system" or the account's name.</summary>
    public static string AccountName(long? accountId, IReadOnlyDictionary<long, string> accounts) =>
        accountId is { } id ? accounts.GetValueOrDefault(id, $"account {id}") : "system";

    /// <summary>The cron in words, or a note when a stored cron cannot be read (it was validated when written).</summary>
    public static string Describe(string cron)
    {
        try
        {
            return CronDescription.Describe(cron);
        }
        catch (FormatException)
        {
            // CronFormatException is one; any other means the describer cannot read what the parser accepted: show the cron alone.
            return "(no description)";
        }
    }
}
