using System.CommandLine;

namespace Refrain.Cli;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply the database migrations (also done at start-up)");
        command.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var result = await rt.Store.MigrateAsync(token);
            if (rt.Json)
            {
                Output.Json(rt.Out, new { database = rt.Store.Dialect, from_version = result.FromVersion, to_version = result.ToVersion, applied = result.Applied });
            }
            else
            {
                rt.Out.WriteLine(result.Applied.Count == 0
                    ? $"{rt.Store.Dialect}: schema is current (version {result.ToVersion})"
                    : $"{rt.Store.Dialect}: applied {string.Join(", ", result.Applied)} (version {result.FromVersion} -> {result.ToVersion})");
            }

            return ExitCodes.Success;
        }, ct, migrate: false));
        return command;
    }
}
