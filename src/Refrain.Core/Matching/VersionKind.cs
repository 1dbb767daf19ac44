namespace Refrain.Matching;

/// <summary>
/// Distinguishing versions: a song and a candidate must name the same ones. A radio edit is an
/// <see cref="Edit"/> with the detail "radio", so "Edit" and "Radio Edit" agree.
/// </summary>
[Flags]
internal enum VersionKind
{
    None = 0,
    Live = 1,
    Acoustic = 1 << 1,
    Remix = 1 << 2,
    Instrumental = 1 << 3,
    Karaoke = 1 << 4,
    Demo = 1 << 5,
    Edit = 1 << 6,
    Extended = 1 << 7,
    Session = 1 << 8,
    Cover = 1 << 9,
    Rerecorded = 1 << 10,

    /// <summary>Any other named take: an alternate take, a reprise, an interlude, "Taylor's Version", "Spanish Version".</summary>
    Other = 1 << 11,
}
