namespace Refrain.Billing;

/// <summary><c>Billing:Provider = none</c>: a self-hosted node that does not charge lets every account spend.</summary>
public sealed class AllowAllPaymentGate : IPaymentGate
{
    /// <inheritdoc />
    public Task<PaymentDecision> CheckAsync(long accountId, CancellationToken ct) => Task.FromResult(PaymentDecision.Allowed);
}
