using Refrain.Storage.Postgres;
using Refrain.Storage.Sqlite;

namespace Refrain.Storage;

/// <summary>Picks the dialect from the connection string: PostgreSQL for <c>Host=</c> or a <c>postgres://</c> URI, else SQLite.</summary>
public static class StoreFactory
{
    public const string DefaultConnectionString = "Data Source=refrain.db";

    public static RefrainStore Create(string? connectionString, TimeProvider time)
    {
        var cs = string.IsNullOrWhiteSpace(connectionString) ? DefaultConnectionString : connectionString.Trim();
        if (IsPostgres(cs))
        {
            return new PostgresStore(FromUri(cs), time);
        }

        return new SqliteStore(cs.Contains('=', StringComparison.Ordinal) ? cs : $"Data Source={cs}", time);
    }

    public static bool IsPostgres(string connectionString) =>
        connectionString.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || connectionString.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase);

    private static string FromUri(string cs)
    {
        if (!cs.Contains("://", StringComparison.Ordinal))
        {
            return cs;
        }

        var uri = new Uri(cs);
        var userInfo = uri.UserInfo.Split(':', 2);
        var parts = new List<string> { $"Host={uri.Host}", $"Database={uri.AbsolutePath.TrimStart('/')}" };
        if (uri.Port > 0)
        {
            parts.Add($"Port={uri.Port}");
        }

        if (userInfo[0].Length > 0)
        {
            parts.Add($"Username={Uri.UnescapeDataString(userInfo[0])}");
        }

        if (userInfo.Length > 1)
        {
            parts.Add($"Password={Uri.UnescapeDataString(userInfo[1])}");
        }

        return string.Join(';', parts);
    }
}
