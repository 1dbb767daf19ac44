using System.Text.Json;
using Refrain.Accounts;
using Refrain.Tests.Cli;

namespace Refrain.Tests.Accounts;

/// <summary><c>refrain accounts</c> and <c>refrain keys</c>: the key is printed once, stored only as a hash, revocable.</summary>
public sealed class AccountsCliTests
{
    [Fact]
    public async Task KeysCreate_PrintsTheKeyAloneOnTheLastLine_AndListNeverShowsIt()
    {
        using var refrain = new RefrainProcess();
        var account = await refrain.RunAsync("accounts", "create", "acme");
        var created = await refrain.RunAsync("keys", "create", "--account", "acme", "--admin", "--name", "ops");
        var list = await refrain.RunAsync("keys", "list", "--json");

        Assert.True(account.ExitCode == 0, account.ToString());
        Assert.True(long.TryParse(account.StdoutLines[^1], out var accountId) && accountId > 1, account.ToString());
        Assert.True(created.ExitCode == 0, created.ToString());
        var key = created.StdoutLines[^1];
        Assert.True(ApiKeys.TryParse(key, out var keyId, out var secret), created.ToString());
        Assert.True(secret.Length >= 43, "a secret of at least 256 bits");
        Assert.DoesNotContain(secret, list.Stdout, StringComparison.Ordinal);
        var item = Assert.Single(JsonDocument.Parse(list.Stdout).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal((keyId, "acme", "ops", true), (item.GetProperty("id").GetInt64(), item.GetProperty("account").GetString(), item.GetProperty("name").GetString(), item.GetProperty("admin").GetBoolean()));
    }

    [Fact]
    public async Task KeysRevoke_MarksTheKey_AndASecondRevokeOrUnknownIdExitsTwo()
    {
        using var refrain = new RefrainProcess();
        var created = await refrain.RunAsync("keys", "create", "--account", "default");
        ApiKeys.TryParse(created.StdoutLines[^1], out var keyId, out _);

        var revoked = await refrain.RunAsync("keys", "revoke", keyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var again = await refrain.RunAsync("keys", "revoke", keyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var unknown = await refrain.RunAsync("keys", "revoke", "9999");
        var list = await refrain.RunAsync("keys", "list", "--json");

        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.True(again.ExitCode == 2 && again.Stderr.Contains("already revoked", StringComparison.Ordinal), again.ToString());
        Assert.True(unknown.ExitCode == 2 && unknown.Stderr.Contains("unknown key 9999", StringComparison.Ordinal), unknown.ToString());
        var item = Assert.Single(JsonDocument.Parse(list.Stdout).RootElement.GetProperty("items").EnumerateArray());
        Assert.NotEqual(JsonValueKind.Null, item.GetProperty("revoked_at").ValueKind);
    }

    [Fact]
    public async Task BadInput_ExitsTwo_NamingTheProblem()
    {
        using var refrain = new RefrainProcess();
        await refrain.RunAsync("accounts", "create", "acme");

        var duplicate = await refrain.RunAsync("accounts", "create", "acme");
        var unknownAccount = await refrain.RunAsync("keys", "create", "--account", "nobody");
        var accounts = await refrain.RunAsync("accounts", "list", "--json");

        Assert.True(duplicate.ExitCode == 2 && duplicate.Stderr.Contains("already exists", StringComparison.Ordinal), duplicate.ToString());
        Assert.True(unknownAccount.ExitCode == 2 && unknownAccount.Stderr.Contains("'nobody'", StringComparison.Ordinal), unknownAccount.ToString());
        Assert.Equal(["default", "acme"], JsonDocument.Parse(accounts.Stdout).RootElement.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
    }
}
