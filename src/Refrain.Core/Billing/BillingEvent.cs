namespace Refrain.Billing;

/// <summary>
/// A verified Stripe webhook event, reduced to what the gate needs: its id (the idempotency key), its type, whether it puts
/// a card on file, and the account it names (the id Refrain set on the session) or the Stripe customer it is about.
/// </summary>
public sealed record BillingEvent(string Id, string Type, bool MarksCard, long? AccountId, string? CustomerId);
