using System.CommandLine;
using System.Globalization;
using Refrain.Accounts;

namespace Refrain.Cli;

/// <summary><c>refrain keys create --account NAME [--admin] [--name LABEL] | list | revoke ID</c>.</summary>
internal static class KeysCommands
{
    public static Command Create()
    {
        var keys = new Command("keys", "API keys: shown once at creation, stored only as a hash");
        var account = new Option<string>("--account") { Description = "The account the key acts for", Required = true };
        var admin = new Option<bool>("--admin") { Description = "See and steer every account and system work" };
        var label = new Option<string?>("--name") { Description = "A label to recognise the key by" };
        var create = new Command("create", "Create a key; prints it alone on the last line, once") { account, admin, label };
        create.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var accountName = parse.GetValue(account)!;
            var accountId = await rt.Store.FindAccountAsync(accountName, token) ?? throw new CliException($"unknown account '{accountName}'");
            var secret = ApiKeys.NewSecret();
            var isAdmin = parse.GetValue(admin);
            var id = await rt.Store.CreateApiKeyAsync(accountId, parse.GetValue(label), isAdmin, ApiKeys.Hash(secret), token);
            rt.Out.WriteLine($"created {(isAdmin ? "admin " : "")}key {id} for account {accountName}; it is shown only now:");
            rt.Out.WriteLine(ApiKeys.Format(id, secret));
            return ExitCodes.Success;
        }, ct));

        var list = new Command("list", "Every key (never the key itself)");
        list.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var rows = await rt.Store.ListApiKeysAsync(token);
            if (rt.Json)
            {
                Output.Json(rt.Out, new
                {
                    items = rows.Select(k => new { k.Id, account = k.AccountName, k.Name, k.Admin, k.CreatedAt, k.LastUsedAt, k.RevokedAt }),
                });
                return ExitCodes.Success;
            }

            Output.Table(rt.Out, ["ID", "ACCOUNT", "NAME", "ADMIN", "CREATED", "LAST_USED", "REVOKED"], rows.Select(k => new[]
            {
                k.Id.ToString(CultureInfo.InvariantCulture), k.AccountName, k.Name, k.Admin ? "yes" : "no",
                Output.Time(k.CreatedAt), Output.Time(k.LastUsedAt), Output.Time(k.RevokedAt),
            }));
            return ExitCodes.Success;
        }, ct));

        var id = new Argument<long>("ID") { Description = "The key's id (the number in rfn_<id>_...)" };
        var revoke = new Command("revoke", "Revoke a key: it stops working at once") { id };
        revoke.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var keyId = parse.GetValue(id);
            if (!await rt.Store.RevokeApiKeyAsync(keyId, token))
            {
                throw new CliException(await rt.Store.GetApiKeyAsync(keyId, token) is null ? $"unknown key {keyId}" : $"key {keyId} is already revoked");
            }

            rt.Out.WriteLine($"revoked key {keyId}");
            return ExitCodes.Success;
        }, ct));

        keys.Subcommands.Add(create);
        keys.Subcommands.Add(list);
        keys.Subcommands.Add(revoke);
        return keys;
    }
}
