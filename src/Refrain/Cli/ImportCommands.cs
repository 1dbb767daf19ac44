using System.CommandLine;
using Refrain.Listening;
using Refrain.Listening.Enrichment;

namespace Refrain.Cli;

/// <summary><c>refrain import listens --listener ID FILE...</c>.</summary>
internal static class ImportCommands
{
    public static Command Create()
    {
        var import = new Command("import", "Bring outside data in");
        var listener = new Option<long>("--listener") { Description = "The listener the plays belong to", Required = true };
        var files = new Argument<FileInfo[]>("FILE") { Description = "Spotify history JSON files or the export's .zip", Arity = ArgumentArity.OneOrMore };
        var listens = new Command("listens", "Import Spotify listening history; each file is stored whole or not at all") { listener, files };
        listens.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var listenerId = parse.GetValue(listener);
            var owner = await rt.Store.GetListenerAsync(listenerId, token) ?? throw new CliException($"unknown listener {listenerId}");
            var importer = new ListenImporter(rt.Store);
            var total = new ListenCounts();
            var failed = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                // Each existing file is recorded as an upload, as an HTTP upload is; a missing one is only an error here.
                var result = file.Exists
                    ? (await importer.ImportRecordedAsync(listenerId, file.FullName, null, token)).File
                    : new ListenFileResult(file.Name, new ListenCounts(), $"no such file: {file.FullName}");
                total.Add(result.Counts);
                if (result.Failed)
                {
                    failed++;
                    await Console.Error.WriteLineAsync($"error: {result.File}: {result.Error}; nothing stored from it");
                }
                else if (!rt.Json)
                {
                    rt.Out.WriteLine($"{result.File}: {Describe(result.Counts)}");
                }
            }

            if (total.Imported > 0)
            {
                // The post-upload trigger: new plays are enriched by the workers of whichever node runs them.
                await EnrichmentJobs.StartAsync(rt.Store, listenerId, owner.AccountId, "event", "cli import", token);
            }

            if (rt.Json)
            {
                Output.Json(rt.Out, new { total.Imported, total.Duplicate, total.Short, total.Incognito, total.Podcast, total.Invalid });
            }
            else
            {
                rt.Out.WriteLine($"total: {Describe(total)}{(failed > 0 ? $"; {failed} file(s) failed" : "")}");
            }

            return failed > 0 ? ExitCodes.BadInput : ExitCodes.Success;
        }, ct));
        import.Subcommands.Add(listens);
        return import;
    }

    private static string Describe(ListenCounts c) =>
        $"{c.Imported} imported, {c.Duplicate} duplicate, {c.Short} short, {c.Incognito} incognito, {c.Podcast} podcast, {c.Invalid} invalid";
}
