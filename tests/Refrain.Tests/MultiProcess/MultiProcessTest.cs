using System.Diagnostics;
using Dapper;
using Npgsql;
using Refrain.Storage;
using Refrain.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Refrain.Tests.MultiProcess;

/// <summary>
/// The multi-process tests run alone (no other test in parallel): they start several real nodes each, and their timing
/// (leases, fire times, misfire thresholds) must not compete with the rest of the suite for the CPU.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiProcessCollection
{
    public const string Name = "MultiProcess";
}

/// <summary>
/// Base of the tests that run real <c>refrain</c> processes against a fresh PostgreSQL database: starts nodes, kills
/// whatever is left when the test ends (passed or not) and writes every node's output to the test log.
/// </summary>
public abstract class MultiProcessTest(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Upper bound of every wait for a condition; the conditions normally hold within seconds.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly List<RefrainProcess> _nodes = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private string? _connectionString;

    protected string ConnectionString => _connectionString ?? throw new InvalidOperationException("no database");

    protected RefrainStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync("mp");
        Assert.True(_connectionString is not null, "PostgreSQL is not available: " + PostgresServer.UnavailableReason);
        Store = StoreFactory.Create(_connectionString, TimeProvider.System);
        await Store.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        foreach (var node in _nodes)
        {
            output.WriteLine($"===== {node.Name} (pid {node.Pid}) =====");
            foreach (var line in node.Lines)
            {
                output.WriteLine(line);
            }
        }

        if (Store is not null)
        {
            await Store.DisposeAsync();
        }
    }

    /// <summary>Writes a progress note (with the time since the test started) to the test log.</summary>
    protected void Log(string message) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,7:0.000}s] {message}");

    /// <summary>Starts <c>refrain serve</c>; the node is killed when the test ends if it is still running.</summary>
    protected RefrainProcess StartNode(string name, IReadOnlyDictionary<string, string> settings)
    {
        var node = RefrainProcess.StartServe(name, ConnectionString, settings);
        _nodes.Add(node);
        Log($"started {name} (pid {node.Pid})");
        return node;
    }

    /// <summary>Waits until the node's worker has started; returns its worker id.</summary>
    protected async Task<string> WaitReadyAsync(RefrainProcess node)
    {
        var id = (await node.WaitForLineAsync(RefrainProcess.WorkerStarted(), Patience)).Groups["id"].Value;

        // The worker starts before Kestrel binds; a node stopped in between exits 1 ("hosting failed to start").
        await node.WaitForLineAsync(RefrainProcess.HostStarted(), Patience);
        Log($"{node.Name} ready: worker {id}");
        return id;
    }

    /// <summary>
    /// Polls <paramref name="probe"/> every 100 ms until <paramref name="done"/> holds; fails after <see cref="Patience"/>
    /// with what was expected and what was last seen.
    /// </summary>
    protected async Task<T> EventuallyAsync<T>(string expected, Func<Task<T>> probe, Func<T, bool> done, Func<T, string>? describe = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var seen = await probe();
            if (done(seen))
            {
                Log($"reached: {expected} after {clock.Elapsed.TotalSeconds:0.0} s");
                return seen;
            }

            if (clock.Elapsed > Patience)
            {
                Assert.Fail($"timed out after {Patience.TotalSeconds:0} s waiting for {expected}; last seen: {(describe ?? (v => v?.ToString() ?? "null"))(seen)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Runs ad-hoc SQL against the test database.</summary>
    protected async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return (await connection.QueryAsync<T>(sql, args)).ToList();
    }

    protected async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    protected async Task<int> ExecuteAsync(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.ExecuteAsync(sql, args);
    }

    /// <summary>Job counts by state, as <c>state=n</c> pairs, for failure messages.</summary>
    protected async Task<string> JobStatesAsync()
    {
        var rows = await QueryAsync<(string State, long Count)>("SELECT state, count(*) FROM jobs GROUP BY state ORDER BY state");
        return rows.Count == 0 ? "no jobs" : string.Join(", ", rows.Select(r => $"{r.State}={r.Count}"));
    }

    /// <summary>Settings shared by every node of these tests: fast polling, so the tests do not wait on idle loops.</summary>
    protected static Dictionary<string, string> NodeSettings(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Workers:PollInterval"] = "00:00:00.100",
            ["Scheduling:PollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }
}
