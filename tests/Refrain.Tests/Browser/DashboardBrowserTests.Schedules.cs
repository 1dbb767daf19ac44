using Microsoft.Playwright;

namespace Refrain.Tests.Browser;

/// <summary>The schedules pages: pause a schedule, then start it by hand anyway.</summary>
public sealed partial class DashboardBrowserTests
{
    [BrowserFact]
    public async Task Schedule_PausedThenTriggered_IsStoredDisabled_AndHasAManualRun()
    {
        await SeedScheduleAsync("nightly-rematch");
        await LogInAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Schedules", Exact = true }).ClickAsync();
        await Assertions.Expect(Heading).ToHaveTextAsync("Schedules");
        await Page.GetByRole(AriaRole.Link, new() { Name = "nightly-rematch", Exact = true }).ClickAsync();
        await Assertions.Expect(Heading).ToHaveTextAsync("Schedule nightly-rematch");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("paused");
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Enable", Exact = true })).ToBeVisibleAsync();
        Assert.False((await Store.GetScheduleAsync(AlphaId, "nightly-rematch", CancellationToken.None))!.Enabled);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Trigger now", Exact = true }).ClickAsync();

        var runs = await Store.RunsOfScheduleAsync(AlphaId, "nightly-rematch", 10, CancellationToken.None);
        var run = Assert.Single(runs);
        Assert.Equal("manual", run.TriggerType);
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"#{run.Id}", Exact = true })).ToBeVisibleAsync();
        Assert.False((await Store.GetScheduleAsync(AlphaId, "nightly-rematch", CancellationToken.None))!.Enabled);
    }
}
