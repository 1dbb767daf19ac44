namespace Refrain.Storage;

/// <summary>What a migration pass did: the version before and after, and the files applied.</summary>
public sealed record MigrationResult(int FromVersion, int ToVersion, IReadOnlyList<string> Applied);
