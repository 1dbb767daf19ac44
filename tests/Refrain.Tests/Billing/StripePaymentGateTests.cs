using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Billing;
using Refrain.Sandbox;
using Refrain.Tests.Providers;

namespace Refrain.Tests.Billing;

/// <summary>The Stripe payment gate against the sandbox's Stripe over real HTTP.</summary>
public sealed class StripePaymentGateTests : ProviderTestBase
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static StripeOptions Options(SandboxServer sandbox, string? priceId = null, string? secretKey = null) => new()
    {
        SecretKey = secretKey ?? sandbox.Options.StripeSecretKey,
        ApiBaseUrl = sandbox.BaseUrl,
        WebhookSecret = "whsec_gate",
        SuccessUrl = new Uri("https://app.example.com/billing/done"),
        CancelUrl = new Uri("https://app.example.com/billing/cancelled"),
        PriceId = priceId,
    };

    private StripePaymentGate Gate(StripeOptions options) =>
        new(Store, new StripeClient(new HttpClient { Timeout = TimeSpan.FromSeconds(20) }, options, NullLogger<StripeClient>.Instance),
            NullLogger<StripePaymentGate>.Instance);

    private static long StripeRequests(SandboxServer sandbox) =>
        sandbox.RequestCount(SandboxEndpoints.StripeCustomers) + sandbox.RequestCount(SandboxEndpoints.StripePaymentMethods)
        + sandbox.RequestCount(SandboxEndpoints.StripeCheckoutSessions);

    [Fact]
    public async Task AllowAll_AllowsEveryAccount()
    {
        Assert.True((await new AllowAllPaymentGate().CheckAsync(12345, None)).IsAllowed);
    }

    [Fact]
    public async Task Check_WithoutACard_CreatesTheCustomerOnceAndAnswersASetupCheckoutLink()
    {
        await using var sandbox = await StartSandboxAsync();
        var account = (await Store.CreateAccountAsync("alpha", None))!.Id;
        var gate = Gate(Options(sandbox));

        var first = await gate.CheckAsync(account, None);
        var second = await gate.CheckAsync(account, None);

        Assert.False(first.IsAllowed);
        Assert.Equal(StripePaymentGate.RequiredMessage, first.Message);
        var customer = Assert.Single(sandbox.Stripe.Customers);
        Assert.Equal(customer.Id, (await Store.GetBillingAccountAsync(account, None))!.StripeCustomerId);
        Assert.Equal(account.ToString(System.Globalization.CultureInfo.InvariantCulture), customer.Metadata["account_id"]);
        var session = Assert.Single(sandbox.Stripe.Sessions, s => s.Url.AbsoluteUri == first.CheckoutUrl);
        Assert.StartsWith(sandbox.BaseUrl.AbsoluteUri, first.CheckoutUrl, StringComparison.Ordinal);
        Assert.Equal(("setup", customer.Id, account.ToString(System.Globalization.CultureInfo.InvariantCulture)), (session.Mode, session.Customer, session.ClientReferenceId));
        Assert.Equal("https://app.example.com/billing/done", session.Form["success_url"]);
        // The second check asks Stripe for cards (none yet) and makes a new session, with the same customer.
        Assert.False(second.IsAllowed);
        Assert.Equal(1, sandbox.RequestCount(SandboxEndpoints.StripeCustomers));
        Assert.Equal(1, sandbox.RequestCount(SandboxEndpoints.StripePaymentMethods));
        Assert.Equal(2, sandbox.Stripe.Sessions.Count);
    }

    [Fact]
    public async Task Check_WithAPriceId_MakesASubscriptionSessionOnThatPrice()
    {
        await using var sandbox = await StartSandboxAsync();
        var account = (await Store.CreateAccountAsync("alpha", None))!.Id;

        var decision = await Gate(Options(sandbox, priceId: "price_free_tier")).CheckAsync(account, None);

        var session = Assert.Single(sandbox.Stripe.Sessions);
        Assert.Equal(session.Url.AbsoluteUri, decision.CheckoutUrl);
        Assert.Equal(("subscription", "price_free_tier", "1"), (session.Mode, session.Form["line_items[0][price]"], session.Form["line_items[0][quantity]"]));
    }

    [Fact]
    public async Task Check_WhenStripeListsACard_StoresItAndAllowsWithoutAskingAgain()
    {
        await using var sandbox = await StartSandboxAsync();
        var account = (await Store.CreateAccountAsync("alpha", None))!.Id;
        var gate = Gate(Options(sandbox));
        await gate.CheckAsync(account, None);
        // The user put a card on file at Checkout, but the webhook was lost.
        sandbox.Stripe.AddCard(Assert.Single(sandbox.Stripe.Customers).Id);

        var found = await gate.CheckAsync(account, None);
        var requestsAfterFinding = StripeRequests(sandbox);
        var again = await gate.CheckAsync(account, None);

        Assert.True(found.IsAllowed);
        Assert.True(again.IsAllowed);
        Assert.Equal(Time.GetUtcNow(), (await Store.GetBillingAccountAsync(account, None))!.CardOnFileAt);
        Assert.Equal(requestsAfterFinding, StripeRequests(sandbox));
        Assert.Single(sandbox.Stripe.Sessions);
    }

    [Fact]
    public async Task Check_WhenStripeNoLongerHasTheCustomer_MakesANewOneAndStoresIt()
    {
        await using var sandbox = await StartSandboxAsync();
        var account = (await Store.CreateAccountAsync("alpha", None))!.Id;
        var gate = Gate(Options(sandbox));
        await gate.CheckAsync(account, None);
        var deleted = Assert.Single(sandbox.Stripe.Customers).Id;
        Assert.True(sandbox.Stripe.DeleteCustomer(deleted));

        var decision = await gate.CheckAsync(account, None);

        Assert.False(decision.IsAllowed);
        var replacement = Assert.Single(sandbox.Stripe.Customers).Id;
        Assert.NotEqual(deleted, replacement);
        Assert.Equal(replacement, (await Store.GetBillingAccountAsync(account, None))!.StripeCustomerId);
        Assert.Equal(replacement, Assert.Single(sandbox.Stripe.Sessions, s => s.Url.AbsoluteUri == decision.CheckoutUrl).Customer);
    }

    [Fact]
    public async Task Check_WithACardAlreadyOnFile_DoesNotCallStripe()
    {
        await using var sandbox = await StartSandboxAsync();
        var account = (await Store.CreateAccountAsync("alpha", None))!.Id;
        await Store.MarkCardOnFileAsync(account, None);

        Assert.True((await Gate(Options(sandbox)).CheckAsync(account, None)).IsAllowed);
        Assert.Equal(0, StripeRequests(sandbox));
    }

    [Fact]
    public async Task Check_WithAWrongSecretKey_FailsNamingTheCallButNeverTheKey()
    {
        await using var sandbox = await StartSandboxAsync();
        var account = (await Store.CreateAccountAsync("alpha", None))!.Id;

        var error = await Assert.ThrowsAsync<BillingException>(() => Gate(Options(sandbox, secretKey: "sk_test_wrong_key_123")).CheckAsync(account, None));

        Assert.Contains("POST /v1/customers", error.Message, StringComparison.Ordinal);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk_test_wrong_key_123", error.Message, StringComparison.Ordinal);
        Assert.Null((await Store.GetBillingAccountAsync(account, None))!.StripeCustomerId);
    }

    [Fact]
    public async Task Check_WhenStripeFailsWith5xx_IsABillingException()
    {
        await using var sandbox = await StartSandboxAsync(o => o.Stripe.ServerErrorRate = 1);
        var account = (await Store.CreateAccountAsync("alpha", None))!.Id;

        var error = await Assert.ThrowsAsync<BillingException>(() => Gate(Options(sandbox)).CheckAsync(account, None));

        Assert.Contains("HTTP 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_WithoutTheRequiredSettings_NameEachOne()
    {
        var errors = new StripeOptions().Validate();

        Assert.Contains(errors, e => e.Contains("Billing:Stripe:SecretKey", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Billing:Stripe:WebhookSecret", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Billing:Stripe:SuccessUrl", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Billing:Stripe:CancelUrl", StringComparison.Ordinal));
        Assert.Empty(new BillingOptions().Validate());
        Assert.NotEmpty(new BillingOptions { Provider = "paypal" }.Validate());
    }
}
