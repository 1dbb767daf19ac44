using Microsoft.Extensions.DependencyInjection;
using Refrain.Billing;
using Refrain.Sandbox;
using Refrain.Tests.Http;

namespace Refrain.Tests.Billing;

/// <summary>A node with the default <c>Billing:Provider = none</c>: every account may spend, and no webhook is taken.</summary>
public sealed class BillingNoneTests : ApiTestBase
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);

    [Fact]
    public async Task Gate_WithProviderNone_AllowsEveryAccount()
    {
        var gate = Services.GetRequiredService<IPaymentGate>();

        Assert.IsType<AllowAllPaymentGate>(gate);
        Assert.True((await gate.CheckAsync(AlphaId, CancellationToken.None)).IsAllowed);
        Assert.True((await gate.CheckAsync(BetaId, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task Webhook_WithProviderNone_Is400()
    {
        const string Payload = """{"id": "evt_1", "type": "setup_intent.succeeded", "data": {"object": {"customer": "cus_1"}}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/webhook") { Content = Json(Payload) };
        request.Headers.Add("Stripe-Signature", SandboxStripe.Sign(Payload, "whsec_any", Time.GetUtcNow()));

        await AssertProblemAsync(await Client().SendAsync(request), 400);
    }
}
