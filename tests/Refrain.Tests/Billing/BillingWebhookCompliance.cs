using System.Net;
using Dapper;
using Refrain.Sandbox;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Billing;

/// <summary><c>POST /api/billing/webhook</c> on both databases: signed events flip the gate once; anything else changes nothing.</summary>
public abstract class BillingWebhookCompliance : BillingApiTestBase
{
    private Task<long> CountEventsAsync() => Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM billing_events"), CancellationToken.None);

    private async Task<DateTimeOffset?> CardOnFileAsync(long accountId) => (await Store.GetBillingAccountAsync(accountId, CancellationToken.None))!.CardOnFileAt;

    [StoreFact]
    public async Task Webhook_SignedCheckoutCompleted_FlipsTheAccountToAllowed()
    {
        var session = await CheckoutAsync(AlphaId);
        var payload = Sandbox.Stripe.CompleteCheckout(session.Id, "evt_checkout_1");

        var response = await DeliverSignedAsync(payload);

        var body = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("evt_checkout_1", "card_on_file"), (body.GetProperty("event_id").GetString(), body.GetProperty("result").GetString()));
        Assert.Equal(Time.GetUtcNow(), await CardOnFileAsync(AlphaId));
        var requests = Sandbox.RequestCounts.Values.Sum();
        Assert.True((await Gate.CheckAsync(AlphaId, CancellationToken.None)).IsAllowed);
        Assert.Equal(requests, Sandbox.RequestCounts.Values.Sum());
        Assert.False((await Gate.CheckAsync(BetaId, CancellationToken.None)).IsAllowed);
    }

    [StoreFact]
    public async Task Webhook_SetupIntentSucceeded_FindsTheAccountByItsCustomer()
    {
        await CheckoutAsync(BetaId);
        var customer = (await Store.GetBillingAccountAsync(BetaId, CancellationToken.None))!.StripeCustomerId!;

        var response = await DeliverSignedAsync(SandboxStripe.SetupIntentSucceeded("evt_setup_1", customer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await CardOnFileAsync(BetaId));
        Assert.Null(await CardOnFileAsync(AlphaId));
    }

    [StoreFact]
    public async Task Webhook_BadlySigned_Is400AndChangesNothing()
    {
        var session = await CheckoutAsync(AlphaId);
        var payload = Sandbox.Stripe.CompleteCheckout(session.Id, "evt_forged");
        var now = Time.GetUtcNow();
        var attempts = new Dictionary<string, (string Payload, string? Signature)>
        {
            ["wrong secret"] = (payload, SandboxStripe.Sign(payload, "whsec_someone_else", now)),
            ["stale timestamp"] = (payload, SandboxStripe.Sign(payload, WebhookSecret, now - TimeSpan.FromMinutes(6))),
            ["future timestamp"] = (payload, SandboxStripe.Sign(payload, WebhookSecret, now + TimeSpan.FromMinutes(6))),
            ["tampered payload"] = (payload.Replace("evt_forged", "evt_forgee", StringComparison.Ordinal), SandboxStripe.Sign(payload, WebhookSecret, now)),
            ["missing header"] = (payload, null),
            ["garbage header"] = (payload, "nonsense"),
        };

        foreach (var (name, (body, signature)) in attempts)
        {
            var problem = await AssertProblemAsync(await DeliverAsync(body, signature), 400);
            Assert.True(problem.GetProperty("detail").GetString()!.Length > 0, name);
        }

        Assert.Null(await CardOnFileAsync(AlphaId));
        Assert.Equal(0, await CountEventsAsync());
        Assert.DoesNotContain(Logs, l => l.Contains(WebhookSecret, StringComparison.Ordinal) || l.Contains("v1=", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Webhook_Redelivered_IsAcknowledgedAndChangesNothing()
    {
        var session = await CheckoutAsync(AlphaId);
        var payload = Sandbox.Stripe.CompleteCheckout(session.Id, "evt_twice");
        Assert.Equal(HttpStatusCode.OK, (await DeliverSignedAsync(payload)).StatusCode);
        var first = await CardOnFileAsync(AlphaId);
        Time.Advance(TimeSpan.FromMinutes(2));

        var again = await DeliverSignedAsync(payload);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("duplicate", (await ReadJsonAsync(again)).GetProperty("result").GetString());
        Assert.Equal(first, await CardOnFileAsync(AlphaId));
        Assert.Equal(1, await CountEventsAsync());
    }

    [StoreFact]
    public async Task Webhook_OtherEventTypes_AreAcknowledgedAndIgnored()
    {
        await CheckoutAsync(AlphaId);
        var customer = (await Store.GetBillingAccountAsync(AlphaId, CancellationToken.None))!.StripeCustomerId;
        var payload = SandboxStripe.Event("evt_invoice", "invoice.paid", new System.Text.Json.Nodes.JsonObject { ["id"] = "in_1", ["customer"] = customer });

        var response = await DeliverSignedAsync(payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("recorded", (await ReadJsonAsync(response)).GetProperty("result").GetString());
        Assert.Null(await CardOnFileAsync(AlphaId));
    }

    [StoreFact]
    public async Task Webhook_SignedButNotAnEvent_Is400()
    {
        var problem = await AssertProblemAsync(await DeliverSignedAsync("""{"hello": "world"}"""), 400);

        Assert.Contains("not a Stripe event", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountEventsAsync());
    }

    [StoreFact]
    public async Task Webhook_OverTheBodyLimit_Is413AndChangesNothing()
    {
        var payload = SandboxStripe.Event("evt_big", "setup_intent.succeeded", new System.Text.Json.Nodes.JsonObject
        {
            ["customer"] = "cus_x", ["padding"] = new string('x', 1024 * 1024 + 1),
        });

        await AssertProblemAsync(await DeliverSignedAsync(payload), 413);
        Assert.Equal(0, await CountEventsAsync());
    }

    [StoreFact]
    public async Task Webhook_IsKeyless_AndAKeyDoesNotReplaceTheSignature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/webhook") { Content = Json("""{"id": "evt_k", "type": "setup_intent.succeeded"}""") };

        await AssertProblemAsync(await Alpha.SendAsync(request), 400);
        Assert.Equal(0, await CountEventsAsync());
    }
}

public sealed class SqliteBillingWebhookTests : BillingWebhookCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresBillingWebhookTests : BillingWebhookCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
