using Microsoft.Extensions.Logging;
using Refrain.Storage;

namespace Refrain.Billing;

/// <summary>
/// <c>Billing:Provider = stripe</c>: an account with a card on file is allowed. Otherwise Stripe is asked whether its
/// customer has a card (one put on file while a webhook was lost still counts, and is stored); if not, a Checkout Session
/// is made (the customer first, when the account has none) and its link is the answer.
/// </summary>
public sealed class StripePaymentGate(RefrainStore store, StripeClient stripe, ILogger<StripePaymentGate> logger) : IPaymentGate
{
    /// <summary>The 402's detail.</summary>
    public const string RequiredMessage =
        "A payment method on file is required before historical measurements spend the paid Songstats quota; add one at checkout_url.";

    /// <inheritdoc />
    /// <exception cref="BillingException">Stripe could not be asked.</exception>
    /// <exception cref="InvalidOperationException">The account does not exist.</exception>
    public async Task<PaymentDecision> CheckAsync(long accountId, CancellationToken ct)
    {
        var account = await store.GetBillingAccountAsync(accountId, ct)
            ?? throw new InvalidOperationException($"account {accountId} does not exist");
        if (account.CardOnFileAt is not null)
        {
            return PaymentDecision.Allowed;
        }

        var customer = account.StripeCustomerId;
        if (customer is not null)
        {
            switch (await stripe.HasCardAsync(customer, ct))
            {
                case true:
                    await store.MarkCardOnFileAsync(accountId, ct);
                    BillingLog.CardFound(logger, accountId);
                    return PaymentDecision.Allowed;
                case null:
                    // Deleted in Stripe's dashboard: the account gets a new customer instead of failing on the old one forever.
                    var replacement = await stripe.CreateCustomerAsync(accountId, account.Name, customer, ct);
                    customer = await store.ReplaceStripeCustomerAsync(accountId, customer, replacement, ct) ?? replacement;
                    BillingLog.CustomerCreated(logger, accountId, customer);
                    break;
            }
        }
        else
        {
            var created = await stripe.CreateCustomerAsync(accountId, account.Name, null, ct);
            customer = await store.SetStripeCustomerAsync(accountId, created, ct) ?? created;
            BillingLog.CustomerCreated(logger, accountId, customer);
        }

        var (sessionId, url, mode) = await stripe.CreateCheckoutSessionAsync(accountId, customer, ct);
        BillingLog.CheckoutCreated(logger, accountId, sessionId, mode);
        return PaymentDecision.Required(url, RequiredMessage);
    }
}
