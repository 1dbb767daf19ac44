namespace Refrain.Billing;

/// <summary>
/// Decides whether an account may start paid work (a historical measurement job spends the capped Songstats quota).
/// <c>Billing:Provider = none</c> allows everything; <c>stripe</c> requires a card on file and otherwise hands out a
/// Checkout Session link where the user can put one.
/// </summary>
public interface IPaymentGate
{
    /// <summary>Allowed, or Required with the link where the account's owner puts a card on file.</summary>
    Task<PaymentDecision> CheckAsync(long accountId, CancellationToken ct);
}
