using System.CommandLine;
using System.Globalization;
using Refrain.Providers;

namespace Refrain.Cli;

/// <summary><c>refrain providers list|pause|resume</c>.</summary>
internal static class ProvidersCommands
{
    public static Command Create()
    {
        var providers = new Command("providers", "Provider rate limits and pauses");
        var list = new Command("list", "Each provider's rate limit, pause and reason");
        list.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var gate = rt.Get<ProviderGate>();
            var pauses = (await rt.Store.ListProviderPausesAsync(token)).ToDictionary(p => p.Name);
            var now = rt.Get<TimeProvider>().GetUtcNow();
            var names = gate.Providers.Keys.Concat(pauses.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            var rows = names.Select(n =>
            {
                var options = gate.OptionsFor(n);
                var pause = pauses.GetValueOrDefault(n);
                var paused = pause?.IsPausedAt(now) == true;
                return new
                {
                    name = n,
                    requests_per_window = options.RequestsPerWindow,
                    window_seconds = options.Window.TotalSeconds,
                    paused,
                    paused_until = paused ? pause!.PausedUntil : null,
                    reason = paused ? pause!.Reason : null,
                };
            }).ToList();
            if (rt.Json)
            {
                Output.Json(rt.Out, new { items = rows });
                return ExitCodes.Success;
            }

            Output.Table(rt.Out, ["PROVIDER", "RATE", "PAUSED_UNTIL", "REASON"], rows.Select(r => new[]
            {
                r.name, r.requests_per_window > 0 ? $"{r.requests_per_window}/{r.window_seconds.ToString(CultureInfo.InvariantCulture)}s" : "unlimited",
                Output.Time(r.paused_until), r.reason,
            }));
            return ExitCodes.Success;
        }, ct));

        var name = new Argument<string>("NAME") { Description = "Provider name, e.g. spotify" };
        var until = new Option<string>("--until") { Description = "ISO-8601 time the pause ends", Required = true };
        var pause = new Command("pause", "Pause a provider until a time (reason manual)") { name, until };
        pause.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var end = Iso.Parse(parse.GetValue(until)!, "--until");
            await rt.Get<ProviderGate>().PauseAsync(parse.GetValue(name)!.ToLowerInvariant(), end, token);
            rt.Out.WriteLine($"paused {parse.GetValue(name)} until {Output.Time(end)}");
            return ExitCodes.Success;
        }, ct));

        var resumeName = new Argument<string>("NAME") { Description = "Provider name" };
        var resume = new Command("resume", "End a provider's pause now") { resumeName };
        resume.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            await rt.Get<ProviderGate>().ResumeAsync(parse.GetValue(resumeName)!.ToLowerInvariant(), token);
            rt.Out.WriteLine($"resumed {parse.GetValue(resumeName)}");
            return ExitCodes.Success;
        }, ct));
        providers.Subcommands.Add(list);
        providers.Subcommands.Add(pause);
        providers.Subcommands.Add(resume);
        return providers;
    }
}
