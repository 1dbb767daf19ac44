namespace Refrain.Tests.Cli;

/// <summary><c>refrain schedules next</c>: fire times from the calendar (README, DESIGN §5).</summary>
public sealed class SchedulesNextTests
{
    public static TheoryData<string, string[], string> Cases => new()
    {
        // The first of each month at 04:00 UTC, after 22 November 2026.
        {
            "0 4 1 * *", ["--from", "2026-11-22T10:00:00"],
            """{"occurrences":["2026-12-01T04:00:00+00:00","2027-01-01T04:00:00+00:00","2027-02-01T04:00:00+00:00","2027-03-01T04:00:00+00:00","2027-04-01T04:00:00+00:00"]}"""
        },

        // Berlin is UTC+1 in winter.
        {
            "0 4 1 * *", ["--tz", "Europe/Berlin", "--from", "2026-11-22T10:00:00", "--count", "2"],
            """{"occurrences":["2026-12-01T04:00:00+01:00","2027-01-01T04:00:00+01:00"]}"""
        },

        // ... and UTC+2 from the last Sunday of March (29 March 2026).
        {
            "0 4 1 * *", ["--tz", "Europe/Berlin", "--from", "2026-02-15T00:00:00Z", "--count", "2"],
            """{"occurrences":["2026-03-01T04:00:00+01:00","2026-04-01T04:00:00+02:00"]}"""
        },

        // 10:00:00.123+05:30 is 04:30:00.123 UTC, so 05:00 UTC the same day comes first.
        {
            "0 5 * * *", ["--from", "2026-11-22T10:00:00.123+05:30", "--count", "2"],
            """{"occurrences":["2026-11-22T05:00:00+00:00","2026-11-23T05:00:00+00:00"]}"""
        },

        // Every second, from half a second past 10:00:00: the start is exclusive and fractions are kept.
        {
            "* * * * * *", ["--from", "2026-11-22T10:00:00.5Z", "--count", "2"],
            """{"occurrences":["2026-11-22T10:00:01+00:00","2026-11-22T10:00:02+00:00"]}"""
        },

        // 30 February never comes: valid to preview, no occurrences.
        { "0 0 30 2 *", ["--from", "2026-11-22T10:00:00"], """{"occurrences":[]}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Next_Json_PrintsTheCalendarsFireTimes(string expression, string[] options, string expected)
    {
        using var refrain = new RefrainProcess();

        var result = await refrain.RunAsync(["schedules", "next", expression, .. options, "--json"]);

        Assert.True(result.ExitCode == 0, $"expected exit code 0\n{result}");
        Assert.Equal(expected, Assert.Single(result.StdoutLines));
        Assert.Equal("", result.Stderr);
    }
}
