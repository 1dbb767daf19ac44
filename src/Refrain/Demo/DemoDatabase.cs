namespace Refrain.Demo;

/// <summary>
/// Where the demo keeps its data: <c>refrain-demo.db</c> in the working directory, deleted with its <c>-wal</c> and
/// <c>-shm</c> files at each start, or a database named with <c>--database</c>, which is never wiped.
/// </summary>
internal sealed record DemoDatabase(string ConnectionString, string Description, bool Wiped)
{
    public const string DefaultFile = "refrain-demo.db";

    /// <summary>The default file (wiped now) when <paramref name="database"/> is null, else that database as it is.</summary>
    public static DemoDatabase Prepare(string? database)
    {
        if (!string.IsNullOrWhiteSpace(database))
        {
            return new DemoDatabase(database, "the database given with --database (not wiped)", false);
        }

        var path = Path.Combine(Directory.GetCurrentDirectory(), DefaultFile);
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        return new DemoDatabase($"Data Source={path}", $"{DefaultFile} (recreated at each start)", true);
    }
}
