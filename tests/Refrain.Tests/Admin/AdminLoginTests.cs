using System.Net;
using Refrain.Accounts;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Admin;

/// <summary>
/// Issue 7: the dashboard opens only with an admin API key traded for a cookie session; a refused key gets one message
/// whatever was wrong with it and no session; every form needs its antiforgery token; revoking the key ends its sessions.
/// </summary>
public abstract class AdminLoginCompliance : ApiTestBase
{
    private const string Refused = "That key does not open the dashboard.";

    [StoreFact]
    public async Task Dashboard_WithoutSession_RedirectsToLogin_KeepingTheAskedPage()
    {
        using var anonymous = AdminClient.Anonymous(BaseAddress);

        using var response = await anonymous.GetAsync("/admin?tab=queue");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fadmin%3Ftab%3Dqueue", response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Login_WithAdminKey_OpensTheOverview()
    {
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var html = await admin.GetPageAsync("/admin");

        Assert.Contains("<h1>Overview</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Log out", html, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminKey, html, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Login_WithReturnUrl_GoesBackThere_ButNeverOffTheDashboard()
    {
        using var first = AdminClient.Anonymous(BaseAddress);
        using var back = await first.TryLoginAsync(AdminKey, "/admin/schedules");
        using var second = AdminClient.Anonymous(BaseAddress);
        using var away = await second.TryLoginAsync(AdminKey, "https://evil.example/admin");
        using var third = AdminClient.Anonymous(BaseAddress);
        using var elsewhere = await third.TryLoginAsync(AdminKey, "/api/jobs");

        Assert.Equal("/admin/schedules", back.Headers.Location?.OriginalString);
        Assert.Equal("/admin", away.Headers.Location?.OriginalString);
        Assert.Equal("/admin", elsewhere.Headers.Location?.OriginalString);
    }

    [StoreFact]
    public async Task Login_WithAnyWrongKey_Refuses_WithTheSameMessage_AndNoSession()
    {
        var revoked = await CreateKeyAsync(1, admin: true);
        Assert.True(ApiKeys.TryParse(revoked, out var revokedId, out _));
        await Store.RevokeApiKeyAsync(revokedId, CancellationToken.None);
        Assert.True(ApiKeys.TryParse(AdminKey, out var adminId, out _));
        var wrongSecret = ApiKeys.Format(adminId, ApiKeys.NewSecret());
        var unknownId = ApiKeys.Format(999_999, ApiKeys.NewSecret());

        foreach (var key in new[] { "", "not a key", wrongSecret, unknownId, AlphaKey, revoked })
        {
            using var client = AdminClient.Anonymous(BaseAddress);
            using var response = await client.TryLoginAsync(key);
            var html = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains(Refused, html, StringComparison.Ordinal);
            Assert.DoesNotContain("revoked", AdminClient.Text(html), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("admin key is required", AdminClient.Text(html), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(client.Cookies.GetCookies(BaseAddress), c => c.Name == "refrain_admin");
            using var after = await client.GetAsync("/admin");
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        }
    }

    [StoreFact]
    public async Task Login_WithTamperedAntiforgeryToken_Answers400_AndNoSession()
    {
        using var client = AdminClient.Anonymous(BaseAddress);
        var token = AdminClient.Token(await client.GetPageAsync("/admin/login"));
        var tampered = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        using var response = await client.PostRawAsync("/admin/login", [new("Key", AdminKey), new("__af", tampered)]);
        using var missing = await client.PostRawAsync("/admin/login", [new("Key", AdminKey)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.DoesNotContain(client.Cookies.GetCookies(BaseAddress), c => c.Name == "refrain_admin");
    }

    [StoreFact]
    public async Task RevokingTheKey_EndsItsSession_AtTheNextRequest()
    {
        var key = await CreateKeyAsync(1, admin: true);
        using var admin = await AdminClient.LoginAsync(BaseAddress, key);
        await admin.GetPageAsync("/admin");
        Assert.True(ApiKeys.TryParse(key, out var id, out _));

        await Store.RevokeApiKeyAsync(id, CancellationToken.None);
        using var response = await admin.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/login", response.Headers.Location!.AbsolutePath);
    }

    [StoreFact]
    public async Task Logout_EndsTheSession()
    {
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        using var logout = await admin.PostFormAsync("/admin/logout", new Dictionary<string, string>(), formPage: "/admin");
        using var after = await admin.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/admin/login", after.Headers.Location!.AbsolutePath);
    }
}

public sealed class SqliteAdminLoginTests : AdminLoginCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresAdminLoginTests : AdminLoginCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
