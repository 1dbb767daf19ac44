using Npgsql;

namespace Refrain.Tests.Infrastructure;

public sealed class PostgresServerTests
{
    [PostgresFact]
    public async Task CreateDatabase_ReturnsConnectableFreshDatabase()
    {
        var first = await PostgresServer.CreateDatabaseAsync("t");
        var second = await PostgresServer.CreateDatabaseAsync("t");
        Assert.NotNull(first);
        Assert.NotNull(second);

        var firstName = new NpgsqlConnectionStringBuilder(first).Database;
        var secondName = new NpgsqlConnectionStringBuilder(second).Database;
        Assert.NotNull(firstName);
        Assert.StartsWith("t_", firstName, StringComparison.Ordinal);
        Assert.NotEqual(firstName, secondName);

        Assert.Equal(firstName, await CurrentDatabaseAsync(first));
        Assert.Equal(secondName, await CurrentDatabaseAsync(second));
    }

    private static async Task<string?> CurrentDatabaseAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select current_database()", connection);
        return (string?)await command.ExecuteScalarAsync();
    }
}
