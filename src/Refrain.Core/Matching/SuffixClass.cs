namespace Refrain.Matching;

/// <summary>What a bracketed or dashed part of a title says.</summary>
internal enum SuffixClass
{
    /// <summary>Not a version marker: part of the title's words.</summary>
    Unknown,

    /// <summary><c>feat.</c>, <c>ft.</c>, <c>featuring</c>, <c>with</c>: the rest are artists.</summary>
    Featuring,

    /// <summary>Remaster, deluxe, mono, single version...: ignored.</summary>
    Neutral,

    /// <summary>Live, remix, acoustic...: must agree.</summary>
    Distinguishing,
}
