using Microsoft.Playwright;

namespace Refrain.Tests.Browser;

/// <summary>
/// Issue 7 item 5: the dashboard driven in a real browser the way a seed's team uses it, found by labels, roles and
/// visible text: log in, filter the jobs, retry a dead job, settle a duration mismatch, pause and trigger a schedule.
/// Each change is checked on the page and in the store.
/// </summary>
public sealed partial class DashboardBrowserTests(Chromium chromium) : BrowserTestBase(chromium), IClassFixture<Chromium>
{
    [BrowserFact]
    public async Task Login_WithTheAdminKey_OpensTheOverview_AndAWrongKeyStaysOnTheLoginPage()
    {
        await OpenAsync("/admin/login");
        await Page.GetByLabel("Admin API key").FillAsync("rk_1_not-the-secret");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That key does not open the dashboard.");
        await Assertions.Expect(Page).ToHaveURLAsync(new Uri(BaseAddress, "/admin/login").ToString());
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Jobs" })).ToHaveCountAsync(0);

        await Page.GetByLabel("Admin API key").FillAsync(AdminKey);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Assertions.Expect(Heading).ToHaveTextAsync("Overview");
        await Assertions.Expect(Page).ToHaveURLAsync(new Uri(BaseAddress, "/admin").ToString());
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
    }
}
