using System.CommandLine;

namespace Refrain.Cli;

/// <summary>The <c>refrain</c> command line: global options and one command group per capability.</summary>
internal static class RefrainCli
{
    public static readonly Option<string?> Database = new("--database")
    {
        Description = "Connection string or SQLite file (default: ConnectionStrings:Refrain, else refrain.db)",
        Recursive = true,
    };

    public static readonly Option<bool> JsonOption = new("--json") { Description = "Print JSON instead of a table", Recursive = true };

    public static RootCommand Build()
    {
        var root = new RootCommand("Refrain keeps a music catalog's streaming-platform data fresh: a durable job engine with schedules.");
        root.Options.Add(Database);
        root.Options.Add(JsonOption);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(JobsCommands.Create());
        root.Subcommands.Add(SchedulesCommands.Create());
        root.Subcommands.Add(RunsCommands.Create());
        root.Subcommands.Add(ProvidersCommands.Create());
        root.Subcommands.Add(AccountsCommands.Create());
        root.Subcommands.Add(KeysCommands.Create());
        root.Subcommands.Add(CatalogCommands.Create());
        root.Subcommands.Add(ListenersCommands.Create());
        root.Subcommands.Add(ImportCommands.Create());
        root.Subcommands.Add(SweepCommands.Create());
        root.Subcommands.Add(ReviewCommands.Create());
        root.Subcommands.Add(MatcherCommands.Create());
        root.Subcommands.Add(QuotaCommands.Create());
        root.Subcommands.Add(MeasurementsCommands.Create());
        root.Subcommands.Add(NotificationsCommands.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(SandboxCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }

    /// <summary>Parses and runs; usage errors exit 2 with one line per problem.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }

            return ExitCodes.BadInput;
        }

        return await parse.InvokeAsync();
    }
}
