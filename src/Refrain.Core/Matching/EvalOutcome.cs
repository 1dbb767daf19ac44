namespace Refrain.Matching;

/// <summary>How one evaluation case came out.</summary>
public enum EvalOutcome
{
    /// <summary>Accepted an id the label counts as right.</summary>
    AcceptedRight,

    /// <summary>Accepted another id, or accepted anything when no candidate is right.</summary>
    AcceptedWrong,

    /// <summary>Accepted nothing, rightly: no candidate is the song.</summary>
    RejectedNull,

    /// <summary>Accepted nothing although a candidate is the song.</summary>
    Missed,
}
