using Dapper;
using Refrain.Billing;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Billing;

/// <summary>The payment gate's storage on both databases: customer ids, card-on-file marks and once-only webhook events.</summary>
public abstract class BillingStoreCompliance : StoreTestBase
{
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<long> AccountAsync(string name) => (await Store.CreateAccountAsync(name, None))!.Id;

    private Task<long> CountEventsAsync() => Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM billing_events"), None);

    [StoreFact]
    public async Task GetBillingAccount_NewAccount_HasNoCustomerAndNoCard()
    {
        var id = await AccountAsync("alpha");

        Assert.Equal(new BillingAccount(id, "alpha", null, null), await Store.GetBillingAccountAsync(id, None));
        Assert.Null(await Store.GetBillingAccountAsync(id + 100, None));
    }

    [StoreFact]
    public async Task SetStripeCustomer_Twice_KeepsTheFirst()
    {
        var id = await AccountAsync("alpha");

        Assert.Equal("cus_first", await Store.SetStripeCustomerAsync(id, "cus_first", None));
        Assert.Equal("cus_first", await Store.SetStripeCustomerAsync(id, "cus_second", None));
        Assert.Equal("cus_first", (await Store.GetBillingAccountAsync(id, None))!.StripeCustomerId);
    }

    [StoreFact]
    public async Task ReplaceStripeCustomer_OnlyReplacesThePreviousOne()
    {
        var id = await AccountAsync("alpha");
        await Store.SetStripeCustomerAsync(id, "cus_deleted", None);

        Assert.Equal("cus_new", await Store.ReplaceStripeCustomerAsync(id, "cus_deleted", "cus_new", None));
        // A second request that also saw cus_deleted finds it already replaced and goes on with the stored one.
        Assert.Equal("cus_new", await Store.ReplaceStripeCustomerAsync(id, "cus_deleted", "cus_other", None));
        Assert.Equal("cus_new", (await Store.GetBillingAccountAsync(id, None))!.StripeCustomerId);
    }

    [StoreFact]
    public async Task MarkCardOnFile_KeepsTheFirstTime()
    {
        var id = await AccountAsync("alpha");
        var first = Time.GetUtcNow();

        Assert.True(await Store.MarkCardOnFileAsync(id, None));
        Time.Advance(TimeSpan.FromHours(1));
        Assert.True(await Store.MarkCardOnFileAsync(id, None));

        Assert.Equal(first, (await Store.GetBillingAccountAsync(id, None))!.CardOnFileAt);
        Assert.False(await Store.MarkCardOnFileAsync(id + 100, None));
    }

    [StoreFact]
    public async Task ApplyBillingEvent_NamingTheAccount_MarksItsCardAndOnlyIts()
    {
        var alpha = await AccountAsync("alpha");
        var beta = await AccountAsync("beta");

        var result = await Store.ApplyBillingEventAsync(new BillingEvent("evt_1", "checkout.session.completed", true, alpha, "cus_a"), None);

        Assert.Equal(BillingEventResult.CardOnFile, result);
        var account = (await Store.GetBillingAccountAsync(alpha, None))!;
        Assert.Equal((Time.GetUtcNow(), "cus_a"), (account.CardOnFileAt, account.StripeCustomerId));
        Assert.Null((await Store.GetBillingAccountAsync(beta, None))!.CardOnFileAt);
    }

    [StoreFact]
    public async Task ApplyBillingEvent_ByCustomerOnly_FindsTheAccountOfThatCustomer()
    {
        await AccountAsync("alpha");
        var beta = await AccountAsync("beta");
        await Store.SetStripeCustomerAsync(beta, "cus_beta", None);

        var result = await Store.ApplyBillingEventAsync(new BillingEvent("evt_2", "setup_intent.succeeded", true, null, "cus_beta"), None);

        Assert.Equal(BillingEventResult.CardOnFile, result);
        Assert.NotNull((await Store.GetBillingAccountAsync(beta, None))!.CardOnFileAt);
        Assert.Equal(beta, await Store.ReadAsync(c => c.ExecuteScalarAsync<long?>("SELECT account_id FROM billing_events WHERE id = 'evt_2'"), None));
    }

    [StoreFact]
    public async Task ApplyBillingEvent_Redelivered_IsADuplicateAndChangesNothing()
    {
        var alpha = await AccountAsync("alpha");
        var billingEvent = new BillingEvent("evt_3", "checkout.session.completed", true, alpha, "cus_a");
        await Store.ApplyBillingEventAsync(billingEvent, None);
        var marked = (await Store.GetBillingAccountAsync(alpha, None))!.CardOnFileAt;
        // The card is cleared by hand so a second application would show: a redelivery must not set it again.
        await Store.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE accounts SET card_on_file_at = NULL", transaction: tx), None);
        Time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(BillingEventResult.Duplicate, await Store.ApplyBillingEventAsync(billingEvent, None));

        Assert.NotNull(marked);
        Assert.Null((await Store.GetBillingAccountAsync(alpha, None))!.CardOnFileAt);
        Assert.Equal(1, await CountEventsAsync());
    }

    [StoreFact]
    public async Task ApplyBillingEvent_OtherTypesAndUnknownAccounts_AreRecordedOnly()
    {
        var alpha = await AccountAsync("alpha");
        await Store.SetStripeCustomerAsync(alpha, "cus_a", None);

        Assert.Equal(BillingEventResult.Recorded, await Store.ApplyBillingEventAsync(new BillingEvent("evt_4", "invoice.paid", false, alpha, "cus_a"), None));
        Assert.Equal(BillingEventResult.Recorded, await Store.ApplyBillingEventAsync(new BillingEvent("evt_5", "setup_intent.succeeded", true, null, "cus_nobody"), None));
        Assert.Equal(BillingEventResult.Recorded, await Store.ApplyBillingEventAsync(new BillingEvent("evt_6", "setup_intent.succeeded", true, null, null), None));

        Assert.Null((await Store.GetBillingAccountAsync(alpha, None))!.CardOnFileAt);
        Assert.Equal(3, await CountEventsAsync());
    }
}

public sealed class SqliteBillingStoreTests : BillingStoreCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresBillingStoreTests : BillingStoreCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
