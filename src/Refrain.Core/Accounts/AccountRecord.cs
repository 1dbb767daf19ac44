namespace Refrain.Accounts;

/// <summary>A tenant: owns catalogs, listeners, API keys, runs, jobs and its own schedules.</summary>
public sealed record AccountRecord(long Id, string Name, DateTimeOffset CreatedAt);
