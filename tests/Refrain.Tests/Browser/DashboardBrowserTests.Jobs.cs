using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Refrain.Jobs;

namespace Refrain.Tests.Browser;

/// <summary>The jobs pages: filter by source and job type, retry a dead job.</summary>
public sealed partial class DashboardBrowserTests
{
    [BrowserFact]
    public async Task Jobs_FilteredBySourceAndJobType_ShowOnlyTheMatchingRows()
    {
        await SeedPendingJobAsync("spotify", "rematch_duration_mismatches", "song:1");
        await SeedPendingJobAsync("spotify", "rematch_duration_mismatches", "song:2");
        await SeedPendingJobAsync("spotify", "refresh_link", "song:3");
        await SeedPendingJobAsync("musicbrainz", "rematch_duration_mismatches", "song:4");
        await LogInAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Jobs", Exact = true }).ClickAsync();
        await Assertions.Expect(Heading).ToHaveTextAsync("Jobs");
        await Assertions.Expect(Page.GetByRole(AriaRole.Cell, new() { Name = "song:4", Exact = true })).ToBeVisibleAsync();

        await Page.GetByLabel("Source").FillAsync("spotify");
        await Page.GetByLabel("Job type").FillAsync("rematch_duration_mismatches");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await Assertions.Expect(Page).ToHaveURLAsync(new Regex(@"/admin/research\?source=spotify&job_type=rematch_duration_mismatches"));
        // The header row and the two matching jobs, newest first.
        await Assertions.Expect(Page.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Assertions.Expect(Page.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("song:2");
        await Assertions.Expect(Page.GetByRole(AriaRole.Row).Nth(2)).ToContainTextAsync("song:1");
        await Assertions.Expect(Page.GetByRole(AriaRole.Cell, new() { Name = "song:3", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(Page.GetByRole(AriaRole.Cell, new() { Name = "song:4", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(Page.GetByLabel("Source")).ToHaveValueAsync("spotify");
    }

    [BrowserFact]
    public async Task DeadJob_Retried_IsPendingOnItsPageAndInTheStore()
    {
        var dead = (await SeedDeadJobsAsync(("spotify", "refresh_link", "song:7")))[0];
        Assert.Equal(JobState.Dead, (await Store.GetJobAsync(dead, CancellationToken.None))!.State);
        await LogInAsync();
        await OpenAsync($"/admin/research?source=spotify&state=dead");
        await Page.GetByRole(AriaRole.Link, new() { Name = dead.ToString(CultureInfo.InvariantCulture), Exact = true }).ClickAsync();
        await Assertions.Expect(Heading).ToContainTextAsync("dead");
        await Assertions.Expect(Page.GetByText("HTTP 500 from the provider").First).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true }).ClickAsync();

        await Assertions.Expect(Heading).ToContainTextAsync("pending");
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"job {dead}");
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true })).ToHaveCountAsync(0);
        var job = (await Store.GetJobAsync(dead, CancellationToken.None))!;
        Assert.Equal((JobState.Pending, 0), (job.State, job.Attempts));
    }
}
