using Microsoft.Data.Sqlite;

namespace Refrain.Tests.Cli;

/// <summary>DESIGN §8: bad input or usage exits 2 with one line naming the problem, and changes nothing.</summary>
public sealed class CliBadInputTests
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Database=x;Username=u;Timeout=2";

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["schedules", "set", "x", "--cron", "61 * * * *", "--job", "system/noop"], "minute" },
        { ["schedules", "set", "x", "--cron", "0 0 30 2 *", "--job", "system/noop"], "never fire" },
        { ["schedules", "set", "x", "--cron", "0 4 * * *", "--tz", "Mars/Olympus", "--job", "system/noop"], "Mars/Olympus" },
        { ["schedules", "set", "x", "--cron", "0 4 * * *", "--job", "nope/none"], "nope/none" },
        { ["schedules", "set", "x", "--cron", "0 4 * * *", "--job", "system/noop", "--args", "{oops"], "JSON" },
        { ["schedules", "set", "x", "--job", "system/noop"], "--cron" },
        { ["jobs", "show", "424242"], "424242" },
        { ["jobs", "show", "not-a-number"], "not-a-number" },
        { ["runs", "show", "9"], "run 9" },
        { ["schedules", "pause", "ghost"], "ghost" },
        { ["jobs", "list", "--database", Unreachable], "database" },
        { ["sweep", "missing-durations", "--wait"], "Providers:MusicBrainz:UserAgent" },
        { ["sweep", "duration-mismatches", "--wait"], "Providers:Spotify:ClientId" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInput_ExitsTwoWithOneErrorLineAndChangesNothing(string[] arguments, string named)
    {
        using var refrain = new RefrainProcess();

        var result = await refrain.RunAsync(arguments);

        Assert.True(result.ExitCode == 2, $"expected exit code 2\n{result}");
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.True(line.Contains(named, StringComparison.OrdinalIgnoreCase), $"expected the error to name '{named}'\n{result}");
        Assert.Equal(0, CountRows(refrain.DatabasePath, "schedules"));
        Assert.Equal(0, CountRows(refrain.DatabasePath, "jobs"));
    }

    [Fact]
    public async Task SchemaNewerThanProgram_ExitsTwoNamingTheVersion()
    {
        using var refrain = new RefrainProcess();
        var migrate = await refrain.RunAsync("migrate");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        await using (var connection = new SqliteConnection($"Data Source={refrain.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO schema_version VALUES (999, '0999_future', 0)";
            await insert.ExecuteNonQueryAsync();
        }

        var result = await refrain.RunAsync("jobs", "list");

        Assert.True(result.ExitCode == 2, $"expected exit code 2\n{result}");
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.True(line.Contains("999", StringComparison.Ordinal), $"expected the error to name version 999\n{result}");
    }

    /// <summary>Rows in a table of the SQLite file; 0 when the file or the table does not exist.</summary>
    private static long CountRows(string databasePath, string table)
    {
        if (!File.Exists(databasePath))
        {
            return 0;
        }

        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        exists.Parameters.AddWithValue("$name", table);
        if ((long)exists.ExecuteScalar()! == 0)
        {
            return 0;
        }

        using var count = connection.CreateCommand();
#pragma warning disable CA2100 // the table name is one of this class's constants
        count.CommandText = $"SELECT COUNT(*) FROM {table}";
#pragma warning restore CA2100
        return (long)count.ExecuteScalar()!;
    }
}
