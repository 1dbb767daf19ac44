using System.Globalization;

namespace Refrain.Admin.Schedules;

/// <summary>The dashboard's addresses for schedules and runs, written one way everywhere.</summary>
internal static class ScheduleLinks
{
    public static string Page(long scheduleId) => "/admin/schedules/" + scheduleId.ToString(CultureInfo.InvariantCulture);

    public static string Run(long runId) => "/admin/runs/" + runId.ToString(CultureInfo.InvariantCulture);
}
