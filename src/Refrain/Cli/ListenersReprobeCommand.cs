using System.CommandLine;
using System.Globalization;
using Refrain.Listening;
using Refrain.Providers;
using Refrain.Providers.Spotify;

namespace Refrain.Cli;

/// <summary>
/// <c>refrain listeners reprobe ID | --all</c>: for listeners marked <c>reauth_required</c> (perhaps a false alarm), tries
/// the stored refresh token now; a listener Spotify accepts again is active. Prints one line per listener; exit code 1 when
/// any still fails, 2 for an unknown id.
/// </summary>
internal static class ListenersReprobeCommand
{
    public static Command Create()
    {
        var id = new Argument<long?>("ID") { Description = "Listener id (or --all)", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Every listener whose status is reauth_required" };
        var reprobe = new Command("reprobe", "Try the stored refresh token of listeners that need to reconnect; those Spotify accepts become active") { id, all };
        reprobe.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var one = parse.GetValue(id);
            if (one is null == !parse.GetValue(all))
            {
                throw new CliException("give a listener ID or --all (not both)");
            }

            IReadOnlyList<long> ids = one is { } wanted
                ? await rt.Store.GetListenerAsync(wanted, token) is null ? throw new CliException($"unknown listener {wanted}") : [wanted]
                : await rt.Store.ListReauthRequiredListenersAsync(token);
            var tokens = rt.Get<ListenerTokens>();
            var call = ProviderCall.Direct(rt.Get<ProviderGate>(), rt.Store, rt.Get<TimeProvider>(), SpotifyClient.Provider);
            var results = new List<ReprobeResult>();
            foreach (var listenerId in ids)
            {
                results.Add(await tokens.ReprobeAsync(call, listenerId, token));
            }

            if (rt.Json)
            {
                Output.Json(rt.Out, new { items = results.Select(r => new { r.ListenerId, Result = r.Status, r.Error }) });
            }
            else if (results.Count == 0)
            {
                rt.Out.WriteLine("no listener needs a re-probe");
            }
            else
            {
                foreach (var result in results)
                {
                    rt.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"listener {result.ListenerId}: {result.Status}{(result.Error is null ? "" : $": {result.Error}")}"));
                }
            }

            return results.Any(r => r.StillFailing) ? ExitCodes.Errors : ExitCodes.Success;
        }, ct));
        return reprobe;
    }
}
