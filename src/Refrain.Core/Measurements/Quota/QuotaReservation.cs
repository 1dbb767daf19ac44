namespace Refrain.Measurements.Quota;

/// <summary>A reserved unit (its ledger row), or the scope whose cap is spent.</summary>
public sealed record QuotaReservation(long? LedgerId, QuotaScope? Spent)
{
    public bool Reserved => LedgerId is not null;
}
