using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Refrain.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL server per test process.
/// <para>
/// If the environment variable <c>REFRAIN_TEST_POSTGRES</c> holds a connection string, that server is used as is.
/// Otherwise a private cluster is created with the local binaries (<c>pg_config --bindir</c>, else the highest
/// <c>/usr/lib/postgresql/*/bin</c>) in a temporary folder, started on a free loopback port with fsync off
/// (test data only!), and stopped and deleted when the process exits. When the process runs as root, initdb and
/// pg_ctl run as the <c>postgres</c> user through <c>runuser</c>.
/// </para>
/// <para>
/// The server is started lazily on first use of any member, once, thread-safely. Start failures never throw from
/// the properties: they are reported through <see cref="UnavailableReason"/>.
/// </para>
/// </summary>
public static class PostgresServer
{
    /// <summary>Environment variable with the connection string of an existing server to use instead of starting one.</summary>
    public const string ConnectionStringVariable = "REFRAIN_TEST_POSTGRES";

    private const string FolderPrefix = "refrain-pg-";
    private const string OwnerFileName = "owner.pid";
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<ServerState> State = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Connection string to the <c>postgres</c> database of the server with superuser rights;
    /// null when no server is available (<see cref="UnavailableReason"/> says why).
    /// </summary>
    public static string? AdminConnectionString => State.Value.AdminConnectionString;

    /// <summary>Why no server is available; null when <see cref="AdminConnectionString"/> is set.</summary>
    public static string? UnavailableReason => State.Value.UnavailableReason;

    /// <summary>True when running on CI (env <c>CI</c> is <c>true</c>), where PostgreSQL tests must never be skipped.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Creates a fresh, empty database named <c>&lt;prefix&gt;_&lt;guid&gt;</c> and returns its connection string.
    /// When no server is available: throws <see cref="InvalidOperationException"/> on CI (PostgreSQL tests must
    /// never skip there), otherwise returns null.
    /// </summary>
    public static async Task<string?> CreateDatabaseAsync(string prefix)
    {
        var admin = AdminConnectionString;
        if (admin is null)
        {
            if (IsCi)
            {
                throw new InvalidOperationException(
                    "PostgreSQL is required on CI but not available: " + UnavailableReason);
            }

            return null;
        }

        var name = DatabaseName(prefix);
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE DATABASE \"" + name + "\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>A valid, unquoted-safe PostgreSQL identifier of at most 63 bytes: sanitized prefix + "_" + guid.</summary>
    private static string DatabaseName(string? prefix)
    {
        var sanitized = new StringBuilder();
        foreach (var c in prefix ?? string.Empty)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                sanitized.Append(char.ToLowerInvariant(c));
            }
        }

        if (sanitized.Length == 0 || !char.IsAsciiLetter(sanitized[0]))
        {
            sanitized.Insert(0, 't');
        }

        // 63 bytes max; the suffix takes 33 ("_" + 32 hex digits).
        var head = sanitized.Length > 30 ? sanitized.ToString(0, 30) : sanitized.ToString();
        return head + "_" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
    }

    private static ServerState Initialize()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new ServerState(external, null);
        }

        try
        {
            return StartLocalServer();
        }
        catch (Exception e)
        {
            return new ServerState(null, e.Message);
        }
    }

    private static ServerState StartLocalServer()
    {
        if (OperatingSystem.IsWindows())
        {
            return Unavailable("starting a local server is not supported on Windows; set " + ConnectionStringVariable);
        }

        var binDir = FindBinDir();
        if (binDir is null)
        {
            return Unavailable(
                "no PostgreSQL binaries found (neither `pg_config --bindir` nor /usr/lib/postgresql/*/bin contain initdb); "
                + "install PostgreSQL or set " + ConnectionStringVariable);
        }

        var asPostgres = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        string? runuser = null;
        if (asPostgres)
        {
            runuser = FindExecutable("runuser");
            if (runuser is null)
            {
                return Unavailable("running as root, but `runuser` was not found to run initdb/pg_ctl as user postgres");
            }

            if (!UserExists("postgres"))
            {
                return Unavailable("running as root, and there is no user `postgres` to run initdb/pg_ctl as");
            }
        }

        var server = new LocalServer(binDir, runuser);
        var baseDir = asPostgres && Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath();
        server.SweepStale(baseDir);

        try
        {
            var port = server.InitAndStart(baseDir);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAndDelete();
            return new ServerState(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100;Include Error Detail=true"),
                null);
        }
        catch
        {
            server.StopAndDelete();
            throw;
        }

        static ServerState Unavailable(string reason) => new(null, reason);
    }

    private static string? FindBinDir()
    {
        var pgConfig = FindExecutable("pg_config");
        if (pgConfig is not null)
        {
            try
            {
                var result = ProcessRunner.Run(pgConfig, ["--bindir"], TimeSpan.FromSeconds(10));
                var dir = result.StdOut.Trim();
                if (result.ExitCode == 0 && dir.Length > 0 && HasServerBinaries(dir))
                {
                    return dir;
                }
            }
            catch (Exception)
            {
                // Fall through to the Debian layout.
            }
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(debianRoot)
            .Select(versionDir => (Version: ParseVersion(Path.GetFileName(versionDir)), Bin: Path.Combine(versionDir, "bin")))
            .Where(candidate => candidate.Version is not null && HasServerBinaries(candidate.Bin))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();

        static Version? ParseVersion(string name) =>
            Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version) ? version : null;
    }

    private static bool HasServerBinaries(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

    /// <summary>Looks a program up on PATH, then in the usual system directories (runuser lives in /usr/sbin).</summary>
    private static string? FindExecutable(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var dirs = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        return dirs.Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
    }

    private static bool UserExists(string user)
    {
        var id = FindExecutable("id");
        if (id is not null)
        {
            try
            {
                return ProcessRunner.Run(id, ["-u", user], TimeSpan.FromSeconds(10)).ExitCode == 0;
            }
            catch (Exception)
            {
                // Fall back to /etc/passwd.
            }
        }

        return File.Exists("/etc/passwd")
            && File.ReadLines("/etc/passwd").Any(line => line.StartsWith(user + ":", StringComparison.Ordinal));
    }

    private sealed record ServerState(string? AdminConnectionString, string? UnavailableReason);

    /// <summary>A cluster in a temporary folder: <c>data/</c> (PGDATA), <c>server.log</c>, the Unix socket and <c>owner.pid</c>.</summary>
    private sealed class LocalServer(string binDir, string? runuser)
    {
        private readonly Lock gate = new();
        private string? root;
        private bool stopped;

        private string PgCtl => Path.Combine(binDir, "pg_ctl");

        /// <summary>Creates the cluster and starts it on a free port (retried on a fresh port if the start fails); returns the port.</summary>
        public int InitAndStart(string baseDir)
        {
            var folder = Path.Combine(baseDir, FolderPrefix + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..12]);
            Directory.CreateDirectory(folder);
            lock (gate)
            {
                root = folder;
            }

            File.WriteAllText(Path.Combine(folder, OwnerFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            if (runuser is not null)
            {
                ProcessRunner.RunChecked(FindExecutable("chown") ?? "chown", ["-R", "postgres:postgres", folder], ProcessTimeout);
            }

            var data = Path.Combine(folder, "data");
            RunAsOwner(
                Path.Combine(binDir, "initdb"),
                ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);

            var log = Path.Combine(folder, "server.log");
            InvalidOperationException? lastError = null;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var port = FreePort();
                var options = string.Create(
                    CultureInfo.InvariantCulture,
                    $"-p {port} -k '{folder}' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300 -c shared_buffers=128MB");
                try
                {
                    RunAsOwner(PgCtl, ["-D", data, "-o", options, "-l", log, "-w", "-t", "50", "start"]);
                    StartWatchdog(folder, data);
                    return port;
                }
                catch (InvalidOperationException e)
                {
                    // Most likely another process grabbed the port in between; make sure nothing half-started stays up.
                    lastError = new InvalidOperationException(e.Message + Environment.NewLine + "Server log:" + Environment.NewLine + Tail(log), e);
                    Stop(runuser, PgCtl, data);
                }
            }

            throw lastError!;
        }

        /// <summary>
        /// Stops the server (immediate mode: it holds only throwaway data) and deletes its folder. Idempotent.
        /// Fast on purpose: the test host may be killed shortly after it starts exiting (vstest does not wait long),
        /// so the server is signalled first; the watchdog finishes the deletion if the process dies meanwhile.
        /// </summary>
        public void StopAndDelete()
        {
            string? folder;
            lock (gate)
            {
                if (stopped)
                {
                    return;
                }

                stopped = true;
                folder = root;
            }

            if (folder is not null)
            {
                StopAndDelete(runuser, PgCtl, folder);
            }
        }

        /// <summary>
        /// Stops and deletes servers left behind by test processes that died without cleaning up.
        /// Only folders whose owner.pid names a process that no longer exists.
        /// </summary>
        public void SweepStale(string baseDir)
        {
            try
            {
                foreach (var folder in Directory.EnumerateDirectories(baseDir, FolderPrefix + "*"))
                {
                    var ownerFile = Path.Combine(folder, OwnerFileName);
                    if (File.Exists(ownerFile)
                        && int.TryParse(File.ReadAllText(ownerFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var owner)
                        && !ProcessExists(owner))
                    {
                        StopAndDelete(runuser, PgCtl, folder);
                    }
                }
            }
            catch (Exception)
            {
                // Best effort only.
            }
        }

        /// <summary>
        /// A detached shell that waits for this process to end, however it ends (a killed test host runs no exit
        /// handler), then stops the server and deletes the folder.
        /// </summary>
        private void StartWatchdog(string folder, string data)
        {
            const string script =
                "exec </dev/null >/dev/null 2>&1; "
                + "while kill -0 \"$1\"; do sleep 1; done; "
                + "if [ -n \"$5\" ]; then \"$5\" -u postgres -- \"$2\" -D \"$3\" -m immediate -w stop; "
                + "else \"$2\" -D \"$3\" -m immediate -w stop; fi; "
                + "rm -rf \"$4\"";
            try
            {
                var startInfo = new ProcessStartInfo(FindExecutable("sh") ?? "/bin/sh")
                {
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                foreach (var argument in new[]
                {
                    "-c", script, "refrain-pg-watchdog",
                    Environment.ProcessId.ToString(CultureInfo.InvariantCulture), PgCtl, data, folder, runuser ?? string.Empty,
                })
                {
                    startInfo.ArgumentList.Add(argument);
                }

                using var watchdog = Process.Start(startInfo);
            }
            catch (Exception)
            {
                // Best effort: the exit handler and the sweep of the next run still clean up.
            }
        }

        private static void StopAndDelete(string? runuser, string pgCtl, string folder)
        {
            Stop(runuser, pgCtl, Path.Combine(folder, "data"));
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception)
            {
                // Best effort: a leftover folder in the temp directory is harmless.
            }
        }

        /// <summary>Sends the immediate-shutdown signal without pg_ctl's 100 ms polling, then waits for the postmaster to go.</summary>
        private static void Stop(string? runuser, string pgCtl, string data)
        {
            var pidFile = Path.Combine(data, "postmaster.pid");
            if (!File.Exists(pidFile))
            {
                return;
            }

            TryRun(runuser, pgCtl, ["-D", data, "-m", "immediate", "-W", "stop"]);
            var deadline = Stopwatch.StartNew();
            while (File.Exists(pidFile) && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(10);
            }
        }

        private static bool ProcessExists(int pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        private void RunAsOwner(string program, IReadOnlyList<string> arguments)
        {
            var (file, args) = AsOwner(runuser, program, arguments);
            ProcessRunner.RunChecked(file, args, ProcessTimeout);
        }

        private static void TryRun(string? runuser, string program, IReadOnlyList<string> arguments)
        {
            try
            {
                var (file, args) = AsOwner(runuser, program, arguments);
                ProcessRunner.Run(file, args, ProcessTimeout);
            }
            catch (Exception)
            {
                // Best effort.
            }
        }

        private static (string File, IReadOnlyList<string> Arguments) AsOwner(string? runuser, string program, IReadOnlyList<string> arguments) =>
            runuser is null
                ? (program, arguments)
                : (runuser, ["-u", "postgres", "--", program, .. arguments]);

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                return ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            finally
            {
                listener.Stop();
            }
        }

        private static string Tail(string file)
        {
            try
            {
                var lines = File.ReadAllLines(file);
                return string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Length - 30)));
            }
            catch (Exception e)
            {
                return "(unreadable: " + e.Message + ")";
            }
        }
    }

    private sealed record ProcessResult(int ExitCode, string StdOut, string StdErr);

    private static class ProcessRunner
    {
        public static ProcessResult RunChecked(string file, IReadOnlyList<string> arguments, TimeSpan timeout)
        {
            var result = Run(file, arguments, timeout);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"`{Describe(file, arguments)}` exited with code {result.ExitCode}.{Environment.NewLine}stderr: {result.StdErr.Trim()}{Environment.NewLine}stdout: {result.StdOut.Trim()}"));
            }

            return result;
        }

        public static ProcessResult Run(string file, IReadOnlyList<string> arguments, TimeSpan timeout)
        {
            var startInfo = new ProcessStartInfo(file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            // English messages, and no dependency on which locales the machine has generated.
            startInfo.Environment["LC_ALL"] = "C";

            using var process = Process.Start(startInfo)
                ?? throw new InvalidOperationException("Could not start `" + Describe(file, arguments) + "`.");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();

            if (!process.WaitForExit(timeout))
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Exited meanwhile.
                }

                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"`{Describe(file, arguments)}` did not finish within {timeout.TotalSeconds} s.{Environment.NewLine}stderr: {Collected(stderr)}"));
            }

            // Bounded too: a grandchild that inherited the pipes must not hang the test run.
            try
            {
                Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
                // Reported as "(output not collected)".
            }

            return new ProcessResult(process.ExitCode, Collected(stdout), Collected(stderr));
        }

        private static string Collected(Task<string> output) =>
            output.IsCompletedSuccessfully ? output.Result : "(output not collected)";

        private static string Describe(string file, IReadOnlyList<string> arguments) =>
            string.Join(' ', arguments.Prepend(file));
    }
}
