namespace Refrain.Storage;

/// <summary>The database was migrated by a newer Refrain; this program must not touch it.</summary>
public sealed class SchemaTooNewException(int databaseVersion, int programVersion)
    : Exception($"the database schema is version {databaseVersion} but this program knows up to {programVersion}; upgrade Refrain")
{
    public int DatabaseVersion { get; } = databaseVersion;
    public int ProgramVersion { get; } = programVersion;
}
