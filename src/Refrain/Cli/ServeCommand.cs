using System.CommandLine;
using Refrain.Hosting;
using Refrain.Http;

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
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            builder.WebHost.UseUrls(parse.GetValue(urls) ?? DefaultUrls);
            builder.Services.AddJobEngine(builder.Configuration, parse.GetValue(RefrainCli.Database));
            builder.Services.AddHostedService<EngineHostedService>();
            var app = builder.Build();
            app.MapHealth();
            app.MapMetrics();
            try
            {
                await app.RunAsync();
                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is Storage.SchemaTooNewException or System.Data.Common.DbException or Microsoft.Extensions.Options.OptionsValidationException)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
