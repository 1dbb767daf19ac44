namespace Refrain.Billing;

/// <summary>What the payment gate knows of an account: its Stripe customer and when a card was put on file.</summary>
public sealed record BillingAccount(long Id, string Name, string? StripeCustomerId, DateTimeOffset? CardOnFileAt);
