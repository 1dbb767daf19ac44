using Microsoft.Playwright;

namespace Refrain.Tests.Browser;

/// <summary>
/// Issue 7 item 5: every dashboard page, with data in it, answers 200 with its heading, and leaves a full-page screenshot
/// in <c>artifacts/screenshots/&lt;page&gt;.png</c> so a reviewer can see the dashboard without running it.
/// </summary>
public sealed class DashboardScreenshotTests(Chromium chromium) : BrowserTestBase(chromium), IClassFixture<Chromium>
{
    [BrowserFact]
    public async Task EveryPage_WithDataSeeded_Answers200WithItsHeading_AndIsScreenshotted()
    {
        var dead = (await SeedDeadJobsAsync(("spotify", "refresh_link", "song:7"), ("musicbrainz", "refresh_recording", "recording:3")))[0];
        await SeedPendingJobAsync("spotify", "rematch_duration_mismatches", "song:1");
        var run = await SeedRunAsync();
        var schedule = await SeedScheduleAsync("nightly-rematch");
        var songs = await SeedReviewItemsAsync(3);
        var listener = await SeedListenerAsync("Ada's phone");
        await SeedNotificationAsync(run);

        Directory.CreateDirectory(Artifacts.Screenshots);
        await ShootAsync("login", "/admin/login", "Refrain dashboard");
        await LogInAsync();

        (string Name, string Path, string Heading)[] pages =
        [
            ("overview", "/admin", "Overview"),
            ("jobs", "/admin/research", "Jobs"),
            ("job", $"/admin/research/{dead}", $"Job {dead}"),
            ("runs", "/admin/runs", "Runs"),
            ("run", $"/admin/runs/{run}", $"Run {run}"),
            ("schedules", "/admin/schedules", "Schedules"),
            ("schedule", $"/admin/schedules/{schedule.Id}", "Schedule nightly-rematch"),
            ("duration-mismatches", "/admin/duration-mismatches", "Duration mismatches"),
            ("duration-mismatch", $"/admin/duration-mismatches/{songs[0]}", "Review song 0"),
            ("listeners", "/admin/listeners", "Listeners"),
            ("listener", $"/admin/listeners/{listener}", "Ada's phone"),
            ("measurements", "/admin/measurements", "Measurements"),
            ("notifications", "/admin/notifications", "Notifications"),
        ];
        foreach (var (name, path, heading) in pages)
        {
            await ShootAsync(name, path, heading);
        }
    }

    private async Task ShootAsync(string name, string path, string heading)
    {
        await OpenAsync(path);
        await Assertions.Expect(Heading).ToContainTextAsync(heading);
        var file = Path.Combine(Artifacts.Screenshots, name + ".png");
        File.Delete(file);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 1_000, $"{file} is (nearly) empty");
    }
}
