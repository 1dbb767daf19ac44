using System.CommandLine;
using System.Data.Common;
using Refrain.Hosting;
using Refrain.Scheduling;
using Refrain.Storage;

namespace Refrain.Cli;

/// <summary>What a CLI command works with: configuration, the engine's services, output. Built per invocation.</summary>
internal sealed class CliRuntime : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CliRuntime(IConfiguration configuration, ServiceProvider services, bool json, TextWriter output)
    {
        Configuration = configuration;
        _services = services;
        Json = json;
        Out = output;
    }

    public IConfiguration Configuration { get; }
    public bool Json { get; }
    public TextWriter Out { get; }
    public RefrainStore Store => _services.GetRequiredService<RefrainStore>();
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();
    public IServiceProvider Services => _services;

    public static IConfiguration LoadConfiguration() => new ConfigurationBuilder()
        .SetBasePath(Directory.GetCurrentDirectory())
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>Runs a command body with the engine opened and migrated, mapping failures to exit codes.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<CliRuntime, CancellationToken, Task<int>> body, CancellationToken ct, bool migrate = true)
    {
        var configuration = LoadConfiguration();
        var services = new ServiceCollection()
            .AddLogging(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning).AddFilter("Refrain", LogLevel.Warning))
            .AddSingleton(configuration)
            .AddJobEngine(configuration, parse.GetValue(RefrainCli.Database))
            .BuildServiceProvider();
        var json = parse.GetResult(RefrainCli.JsonOption) is not null && parse.GetValue(RefrainCli.JsonOption);
        await using var runtime = new CliRuntime(configuration, services, json, Console.Out);
        try
        {
            if (migrate)
            {
                await runtime.Store.MigrateAsync(ct);
            }

            return await body(runtime, ct);
        }
        catch (Exception ex) when (Describe(ex) is { } message)
        {
            await Console.Error.WriteLineAsync($"error: {message}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>One line for the failures a user can fix; null for bugs, which keep their stack trace.</summary>
    private static string? Describe(Exception ex) => ex switch
    {
        CliException or ScheduleValidationException or SchemaTooNewException or FormatException => ex.Message,
        Providers.ProviderException => ex.Message,
        Microsoft.Extensions.Options.OptionsValidationException => $"configuration: {ex.Message}",
        DbException or TimeoutException or System.Net.Sockets.SocketException => $"cannot reach the database: {ex.Message}",
        InvalidOperationException when ex.InnerException is DbException or System.Net.Sockets.SocketException => $"cannot reach the database: {ex.InnerException!.Message}",
        _ => null,
    };

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
