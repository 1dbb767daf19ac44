using System.CommandLine;
using Refrain.Catalog;

namespace Refrain.Cli;

/// <summary><c>refrain catalog import FILE [--catalog NAME] [--account A] [--skip-invalid]</c>.</summary>
internal static class CatalogCommands
{
    public static Command Create()
    {
        var catalog = new Command("catalog", "Songs and their Spotify links");
        var file = new Argument<FileInfo>("FILE") { Description = "CSV (artists separated by ;) or JSON lines (artists as an array)" };
        var name = new Option<string>("--catalog") { Description = "Catalog name (created when missing)", DefaultValueFactory = _ => "default" };
        var account = new Option<string>("--account") { Description = "Account name", DefaultValueFactory = _ => "default" };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Import the valid rows and list the invalid ones" };
        var import = new Command("import", "Import songs: by default any invalid row means nothing is imported") { file, name, account, skipInvalid };
        import.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliException($"no such file: {path.FullName}");
            }

            var accountName = parse.GetValue(account)!;
            var accountId = await rt.Store.FindAccountAsync(accountName, token) ?? throw new CliException($"unknown account '{accountName}'");
            using var reader = new StreamReader(path.FullName);
            var head = new char[64];
            var read = await reader.ReadBlockAsync(head, token);
            reader.BaseStream.Position = 0;
            reader.DiscardBufferedData();
            var jsonLines = CatalogFileReader.LooksLikeJsonLines(path.Name, new string(head, 0, read));
            var result = await new CatalogImporter(rt.Store).ImportAsync(reader, jsonLines, accountId, parse.GetValue(name)!, parse.GetValue(skipInvalid), token);
            if (rt.Json)
            {
                Output.Json(rt.Out, new
                {
                    imported = result.Imported, catalog_id = result.CatalogId, rows = result.Rows, invalid = result.Invalid, duplicates = result.Duplicates,
                    songs_inserted = result.SongsInserted, songs_updated = result.SongsUpdated, songs_unchanged = result.SongsUnchanged,
                    links_written = result.LinksWritten, links_kept_for_reviewer = result.LinksKeptForReviewer, refresh_jobs = result.RefreshJobs,
                    errors = result.Errors.Select(e => new { line = e.Line, message = e.Message }),
                });
            }
            else
            {
                foreach (var error in result.Errors)
                {
                    await Console.Error.WriteLineAsync($"{path.Name}: {error}");
                }

                if (result.Invalid > result.Errors.Count)
                {
                    await Console.Error.WriteLineAsync($"{path.Name}: … and {result.Invalid - result.Errors.Count} more invalid rows");
                }

                rt.Out.WriteLine(result.Imported
                    ? $"imported {result.Rows - result.Invalid - result.Duplicates} rows: {result.SongsInserted} new songs, {result.SongsUpdated} updated, " +
                      $"{result.SongsUnchanged} unchanged, {result.Duplicates} duplicates, {result.Invalid} invalid; {result.LinksWritten} links written, " +
                      $"{result.LinksKeptForReviewer} reviewer decisions kept; {result.RefreshJobs} refresh jobs"
                    : $"nothing imported: {result.Invalid} invalid rows (use --skip-invalid to import the valid ones)");
                if (result.Imported)
                {
                    rt.Out.WriteLine(result.CatalogId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return result.Imported ? (result.Invalid > 0 ? ExitCodes.Errors : ExitCodes.Success) : ExitCodes.BadInput;
        }, ct));
        catalog.Subcommands.Add(import);
        return catalog;
    }
}
