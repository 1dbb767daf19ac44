namespace Refrain.Measurements.Quota;

/// <summary>One stored count of a period: a provider as a whole (<see cref="AccountId"/> 0) or one account.</summary>
public sealed class QuotaUsageRow
{
    public string Provider { get; init; } = "";

    public long AccountId { get; init; }

    public string? AccountName { get; init; }

    public long Used { get; init; }

    public long CostMicroUsd { get; init; }
}
