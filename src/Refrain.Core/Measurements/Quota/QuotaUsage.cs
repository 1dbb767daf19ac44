namespace Refrain.Measurements.Quota;

/// <summary>
/// The month's use of a paid provider by one scope: the provider as a whole (<see cref="AccountId"/> null) or one account.
/// <see cref="Cap"/> is null when there is none; <see cref="ResetsAt"/> is the first instant of the next UTC month.
/// </summary>
public sealed record QuotaUsage(
    string Provider, long? AccountId, string? AccountName, string Period, long Used, long? Cap, decimal CostUsd, DateTimeOffset ResetsAt);
