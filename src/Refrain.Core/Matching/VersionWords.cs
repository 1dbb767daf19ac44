using System.Collections.Frozen;

namespace Refrain.Matching;

/// <summary>The vocabulary of title suffixes, as normalised words.</summary>
internal static class VersionWords
{
    /// <summary>A suffix starting with one of these credits artists: "(feat. X)", "[with X]", "- ft. X", "(med X)".</summary>
    public static readonly FrozenSet<string> Featuring = FrozenSet.Create(StringComparer.Ordinal,
        "feat", "ft", "featuring", "with", "w", "med", "con", "avec", "featured");

    /// <summary>Words that name a distinguishing version wherever they stand in a suffix.</summary>
    public static readonly FrozenDictionary<string, VersionKind> Kinds = new Dictionary<string, VersionKind>(StringComparer.Ordinal)
    {
        ["live"] = VersionKind.Live,
        ["unplugged"] = VersionKind.Live,
        ["acoustic"] = VersionKind.Acoustic,
        ["acustico"] = VersionKind.Acoustic,
        ["acustica"] = VersionKind.Acoustic,
        ["acoustique"] = VersionKind.Acoustic,
        ["akustik"] = VersionKind.Acoustic,
        ["akustisch"] = VersionKind.Acoustic,
        ["remix"] = VersionKind.Remix,
        ["remixed"] = VersionKind.Remix,
        ["remixes"] = VersionKind.Remix,
        ["rmx"] = VersionKind.Remix,
        ["mixed"] = VersionKind.Remix,
        ["rework"] = VersionKind.Remix,
        ["reworked"] = VersionKind.Remix,
        ["dub"] = VersionKind.Remix,
        ["slowed"] = VersionKind.Remix,
        ["sped"] = VersionKind.Remix,
        ["nightcore"] = VersionKind.Remix,
        ["instrumental"] = VersionKind.Instrumental,
        ["instrumentals"] = VersionKind.Instrumental,
        ["acapella"] = VersionKind.Instrumental,
        ["acappella"] = VersionKind.Instrumental,
        ["cappella"] = VersionKind.Instrumental,
        ["karaoke"] = VersionKind.Karaoke,
        ["demo"] = VersionKind.Demo,
        ["demos"] = VersionKind.Demo,
        ["edit"] = VersionKind.Edit,
        ["edits"] = VersionKind.Edit,
        ["extended"] = VersionKind.Extended,
        ["session"] = VersionKind.Session,
        ["sessions"] = VersionKind.Session,
        ["cover"] = VersionKind.Cover,
        ["covers"] = VersionKind.Cover,
        ["rerecorded"] = VersionKind.Rerecorded,
        ["rerecording"] = VersionKind.Rerecorded,
        ["inst"] = VersionKind.Instrumental,
        ["alternate"] = VersionKind.Other,
        ["alternative"] = VersionKind.Other,
        ["outtake"] = VersionKind.Other,
        ["outtakes"] = VersionKind.Other,
        ["rehearsal"] = VersionKind.Other,
        ["reprise"] = VersionKind.Other,
        ["interlude"] = VersionKind.Other,
        ["intro"] = VersionKind.Other,
        ["outro"] = VersionKind.Other,
        ["skit"] = VersionKind.Other,
        ["medley"] = VersionKind.Other,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>One of these alone makes a suffix neutral unless it also names a version: "2011 Remaster of the Original Mono Recording".</summary>
    public static readonly FrozenSet<string> StrongNeutral = FrozenSet.Create(StringComparer.Ordinal,
        "remaster", "remastered", "remasters", "remastering", "remasterizado", "remasterizada", "remasterise",
        "remasterisee", "remasterized", "remasterizzato", "remasterizzata", "remasterisiert", "digitally", "deluxe", "mono", "stereo",
        "bonus", "anniversary", "expanded", "reissue", "remasterd", "soundtrack", "ost");

    /// <summary>A suffix made only of these (and years or numbers) is neutral: "Single Version", "Album Version", "Original".</summary>
    public static readonly FrozenSet<string> Neutral = FrozenSet.Create(StringComparer.Ordinal,
        "remaster", "remastered", "master", "mastered", "re", "digital", "digitally", "deluxe", "edition", "version", "single", "album",
        "original", "mono", "stereo", "bonus", "track", "tracks", "explicit", "clean", "anniversary", "expanded", "special", "super",
        "legacy", "collectors", "collector", "the", "a", "of", "and", "hd", "hq", "bit", "khz", "lp", "ep", "reissue", "mix",
        "orig", "vers", "ver", "remasterd", "censored", "soundtrack", "ost", "motion", "picture", "inch");

    /// <summary>Words that make a suffix name a version: "Spanish Version" is one, unless every other word is neutral ("Single Version").</summary>
    public static readonly FrozenSet<string> Version = FrozenSet.Create(StringComparer.Ordinal, "version", "ver", "vers", "versao", "versione", "take");

    /// <summary>Words in a distinguishing suffix that do not tell one such version from another.</summary>
    public static readonly FrozenSet<string> Filler = FrozenSet.Create(StringComparer.Ordinal,
        "at", "in", "from", "on", "the", "a", "an", "of", "and", "for", "to", "by", "with", "en", "ao", "vivo", "directo",
        "recorded", "recording", "performed", "originally", "style", "live", "version", "ver", "vers", "mix", "spotify", "singles", "studios",
        "take", "radio", "dal", "direct", "off", "vocal", "size", "tv", "12", "inch");
}
