using Microsoft.Playwright;

namespace Refrain.Tests.Browser;

/// <summary>The duration mismatches pages: accept a candidate from the side-by-side comparison.</summary>
public sealed partial class DashboardBrowserTests
{
    [BrowserFact]
    public async Task Mismatch_AcceptingACandidate_RelinksTheSong_AndItLeavesTheOpenList()
    {
        var songs = await SeedReviewItemsAsync(2);
        var candidate = Chromium.Sandbox.Catalog.Tracks[0];
        await LogInAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Duration mismatches", Exact = true }).ClickAsync();
        await Assertions.Expect(Heading).ToHaveTextAsync("Duration mismatches");
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Review song 1", Exact = true })).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Review song 0", Exact = true }).ClickAsync();
        await Assertions.Expect(Heading).ToHaveTextAsync("Review song 0");
        await Assertions.Expect(Page.GetByText(candidate.Id, new() { Exact = true })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();

        await Assertions.Expect(Heading).ToHaveTextAsync("Duration mismatches");
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync(candidate.Id);
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Review song 0", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Review song 1", Exact = true })).ToBeVisibleAsync();
        var relinked = (await Store.GetSongLinkAsync(songs[0], AlphaId, CancellationToken.None))!;
        Assert.Equal((candidate.Id, "linked", "reviewer"), (relinked.SpotifyTrackId, relinked.State, relinked.DecidedBy));
        var untouched = (await Store.GetSongLinkAsync(songs[1], AlphaId, CancellationToken.None))!;
        Assert.Equal((LinkedTrack(1), "review"), (untouched.SpotifyTrackId, untouched.State));
    }
}
