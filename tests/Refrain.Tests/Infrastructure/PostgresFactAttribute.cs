namespace Refrain.Tests.Infrastructure;

/// <summary>
/// A <see cref="FactAttribute"/> for tests that need PostgreSQL (see <see cref="PostgresServer"/>): skipped when no
/// server is available, except on CI (env <c>CI=true</c>), where the test runs and fails loudly instead.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresSkip.Reason() is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>
/// A <see cref="TheoryAttribute"/> for tests that need PostgreSQL (see <see cref="PostgresServer"/>): skipped when no
/// server is available, except on CI (env <c>CI=true</c>), where the test runs and fails loudly instead.
/// </summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresSkip.Reason() is { } reason)
        {
            Skip = reason;
        }
    }
}

internal static class PostgresSkip
{
    /// <summary>The skip message, or null when the test must run (server available, or on CI).</summary>
    public static string? Reason() =>
        PostgresServer.UnavailableReason is { } reason && !PostgresServer.IsCi
            ? "PostgreSQL not available: " + reason
            : null;
}
