namespace Refrain.Measurements;

/// <summary>
/// This month's use of a paid provider by one scope: the provider as a whole (<c>account_id</c> null) or one account. <c>cap</c>
/// is null when there is none; <c>resets_at</c> is the first instant of the next UTC month.
/// </summary>
public sealed record QuotaUsageResponse(
    string Provider, long? AccountId, string? Account, string Period, long Used, long? Cap, decimal CostUsd, DateTimeOffset ResetsAt);
