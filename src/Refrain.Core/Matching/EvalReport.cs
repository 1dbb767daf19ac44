namespace Refrain.Matching;

/// <summary>
/// The counts of a matcher evaluation. <see cref="Ambiguous"/> counts cases whose verdict was
/// <see cref="MatchVerdict.Ambiguous"/>, a subset of <see cref="Missed"/> and <see cref="RejectedNull"/>.
/// <see cref="Precision"/> = right ÷ (right + wrong), 1 when nothing was accepted; <see cref="Recall"/> = right ÷
/// cases with an expected id, 1 when there are none.
/// </summary>
public sealed record EvalReport(int Cases, int AcceptedRight, int AcceptedWrong, int RejectedNull, int Missed, int Ambiguous, double Precision, double Recall)
{
    public static EvalReport From(IReadOnlyCollection<EvalCaseResult> results)
    {
        var right = results.Count(r => r.Outcome == EvalOutcome.AcceptedRight);
        var wrong = results.Count(r => r.Outcome == EvalOutcome.AcceptedWrong);
        var rejected = results.Count(r => r.Outcome == EvalOutcome.RejectedNull);
        var missed = results.Count(r => r.Outcome == EvalOutcome.Missed);
        var ambiguous = results.Count(r => r.Decision.Verdict == MatchVerdict.Ambiguous);
        var labelled = results.Count(r => r.Case.Expected is not null);
        return new EvalReport(
            results.Count, right, wrong, rejected, missed, ambiguous,
            right + wrong == 0 ? 1.0 : (double)right / (right + wrong),
            labelled == 0 ? 1.0 : (double)right / labelled);
    }
}
