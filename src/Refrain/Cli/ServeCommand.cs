using System.CommandLine;
using Refrain.Hosting;

namespace Refrain.Cli;

/// <summary><c>refrain serve</c>: the node: HTTP, workers and the scheduler.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on", DefaultValueFactory = _ => DefaultUrls };
        var command = new Command("serve", "Run Refrain: HTTP on --urls, workers and the scheduler");
        command.Options.Add(urls);
        command.SetAction(async (parse, ct) =>
        {
            var app = RefrainApp.Build(parse.GetValue(urls) ?? DefaultUrls, parse.GetValue(RefrainCli.Database));
            if (Security.TokenKey.Problem(app.Configuration) is { } keyProblem)
            {
                await Console.Error.WriteLineAsync($"error: {keyProblem}");
                return ExitCodes.BadInput;
            }

            try
            {
                // Migrate before the host starts so an unreachable or too-new database is one clear line, not a host crash.
                await app.Services.GetRequiredService<Storage.RefrainStore>().MigrateAsync(ct);
                if (await Security.TokenKeyCheck.ProblemAsync(app.Configuration, app.Services, ct) is { } wrongKey)
                {
                    await Console.Error.WriteLineAsync($"error: {wrongKey}");
                    return ExitCodes.BadInput;
                }

                var schedules = app.Services.GetRequiredService<Scheduling.ScheduleService>();
                foreach (var definition in EngineServices.ConfiguredSchedules(app.Configuration))
                {
                    try
                    {
                        schedules.Validate(definition);
                    }
                    catch (Scheduling.ScheduleValidationException ex)
                    {
                        await Console.Error.WriteLineAsync($"error: configuration Schedules: '{definition.Name}': {ex.Message}");
                        return ExitCodes.BadInput;
                    }
                }
            }
            catch (Exception ex) when (ex is Storage.SchemaTooNewException or System.Data.Common.DbException or TimeoutException)
            {
                await Console.Error.WriteLineAsync(ex is Storage.SchemaTooNewException ? $"error: {ex.Message}" : $"error: cannot reach the database: {ex.Message}");
                return ExitCodes.BadInput;
            }

            try
            {
                await app.RunAsync();
                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is Microsoft.Extensions.Options.OptionsValidationException or Scheduling.ScheduleValidationException)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
