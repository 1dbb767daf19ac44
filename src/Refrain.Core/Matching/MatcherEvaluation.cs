namespace Refrain.Matching;

/// <summary>Runs the matcher over labelled cases (<c>refrain matcher eval</c>) and counts how it did.</summary>
public static class MatcherEvaluation
{
    public static IReadOnlyList<EvalCaseResult> Run(IEnumerable<EvalCase> cases, SpotifyMatcher matcher) =>
        [.. cases.Select(c =>
        {
            var decision = matcher.Decide(c.Song, c.Candidates);
            return new EvalCaseResult(c, decision, Classify(c, decision));
        })];

    public static EvalReport Evaluate(IEnumerable<EvalCase> cases, SpotifyMatcher matcher) => EvalReport.From(Run(cases, matcher));

    /// <summary>
    /// Accepted a right id → right; accepted any other id, or anything when expected is null → wrong; otherwise
    /// rejected-null when expected is null, else missed.
    /// </summary>
    public static EvalOutcome Classify(EvalCase c, MatchDecision decision)
    {
        if (decision is { Verdict: MatchVerdict.Accepted, Best: { } best })
        {
            return c.Expected is not null && c.IsRight(best.Track.Id) ? EvalOutcome.AcceptedRight : EvalOutcome.AcceptedWrong;
        }

        return c.Expected is null ? EvalOutcome.RejectedNull : EvalOutcome.Missed;
    }
}
