using System.CommandLine;
using Refrain.Demo;

namespace Refrain.Cli;

/// <summary><c>refrain demo [--port N]</c>: a seeded node against the sandbox, for a first look; runs until Ctrl+C.</summary>
internal static class DemoCommand
{
    public const int DefaultPort = 5080;

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = $"Port of the node on 127.0.0.1 (0 picks a free one; default {DefaultPort})", DefaultValueFactory = _ => DefaultPort };
        var command = new Command("demo",
            $"Try Refrain: a seeded node against the sandbox on 127.0.0.1 until Ctrl+C; its data is {DemoDatabase.DefaultFile}, recreated at each start (a --database given is used as is, never wiped)")
        {
            port,
        };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(port);
            if (n is < 0 or > 65535)
            {
                await Console.Error.WriteLineAsync("error: --port must be between 0 and 65535");
                return ExitCodes.BadInput;
            }

            try
            {
                return await new DemoRunner(Console.Out, Console.Error).RunAsync(n, parse.GetValue(RefrainCli.Database), ct);
            }
            catch (IOException ex)
            {
                await Console.Error.WriteLineAsync($"error: cannot listen on 127.0.0.1:{n}: {ex.Message}");
                return ExitCodes.BadInput;
            }
            catch (Exception ex) when (ex is Storage.SchemaTooNewException or System.Data.Common.DbException or TimeoutException)
            {
                await Console.Error.WriteLineAsync(ex is Storage.SchemaTooNewException ? $"error: {ex.Message}" : $"error: cannot reach the database: {ex.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
