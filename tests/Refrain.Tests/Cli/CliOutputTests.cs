using System.Globalization;

namespace Refrain.Tests.Cli;

/// <summary>DESIGN §8: a creating command prints its id alone on the last line; listings take <c>--json</c>.</summary>
public sealed class CliOutputTests
{
    [Fact]
    public async Task SchedulesSet_PrintsTheIdAloneOnTheLastLine()
    {
        using var refrain = new RefrainProcess();

        var result = await refrain.RunAsync("schedules", "set", "x", "--cron", "0 4 * * *", "--job", "system/noop");

        Assert.True(result.ExitCode == 0, $"expected exit code 0\n{result}");
        var last = result.StdoutLines[^1];
        Assert.True(long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out _), $"expected an id alone on the last line\n{result}");
    }

    [Fact]
    public async Task JobsListJson_OnAnEmptyDatabase_IsAnEmptyItemsList()
    {
        using var refrain = new RefrainProcess();

        var result = await refrain.RunAsync("jobs", "list", "--json");

        Assert.True(result.ExitCode == 0, $"expected exit code 0\n{result}");
        Assert.Equal("""{"items":[]}""", Assert.Single(result.StdoutLines));
    }
}
