namespace Refrain.Matching;

/// <summary>One case with the matcher's decision and how it compares with the label.</summary>
public sealed record EvalCaseResult(EvalCase Case, MatchDecision Decision, EvalOutcome Outcome);
