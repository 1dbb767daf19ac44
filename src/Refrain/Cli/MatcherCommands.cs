using System.CommandLine;
using System.Globalization;
using Refrain.Matching;

namespace Refrain.Cli;

/// <summary><c>refrain matcher eval FILE</c>: the matcher against a labelled set. Needs no database.</summary>
internal static class MatcherCommands
{
    public static Command Create()
    {
        var matcher = new Command("matcher", "The Spotify matcher");
        matcher.Subcommands.Add(Eval());
        return matcher;
    }

    private static Command Eval()
    {
        var file = new Argument<string>("FILE") { Description = "JSON lines: {\"song\": {...}, \"candidates\": [tracks], \"expected\": id | null, \"acceptable\": [ids]?}" };
        var command = new Command("eval", "Run the matcher over labelled cases and print precision and recall") { file };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var path = parse.GetValue(file)!;
                var cases = Read(path);
                var results = MatcherEvaluation.Run(cases, new SpotifyMatcher(ConfiguredOptions()));
                var report = EvalReport.From(results);
                if (parse.GetValue(RefrainCli.JsonOption))
                {
                    Output.Json(Console.Out, report);
                }
                else
                {
                    Print(Console.Out, report, results);
                }

                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is CliException or FormatException)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    /// <summary>The <c>Matching</c> section, so an evaluation measures the matcher as the workers run it.</summary>
    private static MatcherOptions ConfiguredOptions()
    {
        var options = new MatcherOptions();
        CliRuntime.LoadConfiguration().GetSection("Matching").Bind(options);
        var errors = options.Validate();
        return errors.Count == 0 ? options : throw new CliException(string.Join("; ", errors));
    }

    private static IReadOnlyList<EvalCase> Read(string path)
    {
        IReadOnlyList<EvalCase> cases;
        try
        {
            using var reader = File.OpenText(path);
            cases = EvalFileReader.Read(reader);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {path}: {ex.Message}");
        }
        catch (FormatException ex)
        {
            throw new CliException($"{path}: {ex.Message}");
        }

        return cases.Count > 0 ? cases : throw new CliException($"{path} holds no cases");
    }

    private static void Print(TextWriter output, EvalReport report, IReadOnlyList<EvalCaseResult> results)
    {
        Output.Table(output, ["MEASURE", "VALUE"],
        [
            ["cases", Count(report.Cases)],
            ["accepted right", Count(report.AcceptedRight)],
            ["accepted wrong", Count(report.AcceptedWrong)],
            ["rejected (no right answer)", Count(report.RejectedNull)],
            ["missed", Count(report.Missed)],
            ["  of which ambiguous", Count(results.Count(r => r.Outcome == EvalOutcome.Missed && r.Decision.Verdict == MatchVerdict.Ambiguous))],
            ["ambiguous", Count(report.Ambiguous)],
            ["precision", report.Precision.ToString("0.0000", CultureInfo.InvariantCulture)],
            ["recall", report.Recall.ToString("0.0000", CultureInfo.InvariantCulture)],
        ]);

        foreach (var r in results.Where(r => r.Outcome is EvalOutcome.AcceptedWrong or EvalOutcome.Missed))
        {
            var best = r.Decision.Best is { } b ? $"{b.Track.Id} ({b.Score.ToString("0.0000", CultureInfo.InvariantCulture)})" : "-";
            var outcome = r.Outcome == EvalOutcome.AcceptedWrong ? "accepted wrong" : "missed";
            output.WriteLine($"line {r.Case.Line}: {outcome}: {r.Decision.Verdict.ToString().ToLowerInvariant()}, best {best}, expected {r.Case.Expected ?? "none"}");
        }
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
