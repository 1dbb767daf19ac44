using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Refrain.Storage;

namespace Refrain.Billing;

/// <summary>
/// <c>POST /api/billing/webhook</c>: Stripe's events. Not API-key authenticated; the <c>Stripe-Signature</c> over the exact
/// body is what makes an event trusted, so a bad, stale or missing signature is a 400 and nothing is read from the body.
/// </summary>
public static class BillingWebhookApi
{
    private const string LogCategory = "Refrain.Billing.BillingWebhookApi";

    /// <summary>Maps the route on the app itself, outside the API-key group, so API-key authorization does not apply.</summary>
    public static WebApplication MapBillingWebhook(this WebApplication app)
    {
        app.MapPost("/api/billing/webhook", ReceiveAsync).AllowAnonymous().WithTags("Billing").WithName("BillingWebhook")
            .WithSummary("Receive a Stripe webhook event")
            .WithDescription("Keyless: the Stripe-Signature header (t=...,v1=HMAC-SHA256 of \"{t}.{body}\" with Billing:Stripe:WebhookSecret, "
                + "at most Billing:Stripe:WebhookTolerance old) authenticates it; otherwise 400 and nothing changes. "
                + "checkout.session.completed and setup_intent.succeeded put a card on file for the account; every event id is recorded "
                + "once, so a redelivery changes nothing; other types are acknowledged and ignored.")
            .Accepts<JsonElement>("application/json").ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    internal static async Task<Results<Ok<BillingWebhookResponse>, ProblemHttpResult>> ReceiveAsync(
        HttpContext context, IOptions<BillingOptions> billing, IOptions<StripeOptions> stripe, RefrainStore store, TimeProvider time,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(LogCategory);
        var secret = stripe.Value.WebhookSecret;
        if (!string.Equals(billing.Value.Provider, BillingOptions.Stripe, StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(secret))
        {
            BillingWebhookLog.Refused(logger, "billing is not set up with Stripe");
            return Refused("this node does not take Stripe webhooks (Billing:Provider is not stripe)");
        }

        // The signature covers the exact bytes, so the body is read raw (the API's body limit still applies).
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, ct);
        var payload = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (StripeSignature.Refusal(context.Request.Headers["Stripe-Signature"].ToString(), payload.Span, secret, time.GetUtcNow(),
                stripe.Value.WebhookTolerance) is { } reason)
        {
            BillingWebhookLog.Refused(logger, reason);
            return Refused(reason);
        }

        if (StripeEvents.Parse(payload.Span) is not { } billingEvent)
        {
            BillingWebhookLog.Refused(logger, "the body is not a Stripe event");
            return Refused("the body is not a Stripe event (an object with id and type)");
        }

        var result = await store.ApplyBillingEventAsync(billingEvent, ct) switch
        {
            BillingEventResult.CardOnFile => "card_on_file",
            BillingEventResult.Duplicate => "duplicate",
            _ => "recorded",
        };
        BillingWebhookLog.Applied(logger, billingEvent.Id, billingEvent.Type, billingEvent.AccountId, result);
        return TypedResults.Ok(new BillingWebhookResponse(billingEvent.Id, result));
    }

    private static ProblemHttpResult Refused(string detail) =>
        TypedResults.Problem(title: "Invalid webhook", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
