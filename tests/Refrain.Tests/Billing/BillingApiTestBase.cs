using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Refrain.Billing;
using Refrain.Sandbox;
using Refrain.Tests.Http;

namespace Refrain.Tests.Billing;

/// <summary>
/// The real server with <c>Billing:Provider = stripe</c> pointed at the sandbox's Stripe (same clock), and helpers that
/// deliver webhook events signed as Stripe signs them.
/// </summary>
public abstract class BillingApiTestBase : ApiTestBase, IAsyncLifetime
{
    protected const string WebhookSecret = "whsec_sandbox_endpoint";

    private SandboxServer? _sandbox;

    protected SandboxServer Sandbox => _sandbox!;

    protected IPaymentGate Gate => Services.GetRequiredService<IPaymentGate>();

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Billing:Provider"] = "stripe",
        ["Billing:Stripe:SecretKey"] = Sandbox.Options.StripeSecretKey,
        ["Billing:Stripe:ApiBaseUrl"] = Sandbox.BaseUrl.ToString(),
        ["Billing:Stripe:WebhookSecret"] = WebhookSecret,
        ["Billing:Stripe:SuccessUrl"] = "https://app.example.com/billing/done",
        ["Billing:Stripe:CancelUrl"] = "https://app.example.com/billing/cancelled",
    };

    public new async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Time = Time, Songs = 20 }, CancellationToken.None);
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    /// <summary>POSTs <paramref name="payload"/> to the webhook, keyless, with <paramref name="signature"/> (null: no header).</summary>
    protected async Task<HttpResponseMessage> DeliverAsync(string payload, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/webhook")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        if (signature is not null)
        {
            request.Headers.Add("Stripe-Signature", signature);
        }

        return await Client().SendAsync(request);
    }

    /// <summary>Signed with the endpoint's secret now, as Stripe would.</summary>
    protected Task<HttpResponseMessage> DeliverSignedAsync(string payload) =>
        DeliverAsync(payload, SandboxStripe.Sign(payload, WebhookSecret, Time.GetUtcNow()));

    /// <summary>The gate refuses <paramref name="accountId"/>; the sandbox session its link points at.</summary>
    protected async Task<SandboxCheckoutSession> CheckoutAsync(long accountId)
    {
        var decision = await Gate.CheckAsync(accountId, CancellationToken.None);
        Assert.False(decision.IsAllowed);
        return Assert.Single(Sandbox.Stripe.Sessions, s => s.Url.AbsoluteUri == decision.CheckoutUrl);
    }
}
