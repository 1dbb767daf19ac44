namespace Refrain.Sandbox;

/// <summary>What is wrong, on purpose, with a catalog song's data (<see cref="SandboxSong.Defect"/>).</summary>
public static class SongDefect
{
    /// <summary>Linked to its original recording, durations agree.</summary>
    public const string None = "none";

    /// <summary>Linked to a live version: much longer.</summary>
    public const string LinkedToLive = "linked_to_live";

    /// <summary>Linked to a radio edit: much shorter.</summary>
    public const string LinkedToRadioEdit = "linked_to_radio_edit";

    /// <summary>Linked to a remix or extended mix.</summary>
    public const string LinkedToRemix = "linked_to_remix";

    /// <summary>Linked to another song of the same artist.</summary>
    public const string LinkedToOtherSong = "linked_to_other_song";

    /// <summary>Linked correctly, but the catalog's canonical duration is wrong by a minute or more (the link carries the song's ISRC).</summary>
    public const string CanonicalWrong = "canonical_wrong";

    /// <summary>No link yet.</summary>
    public const string Unlinked = "unlinked";

    /// <summary>Spotify does not have the song; it is linked to someone else's song of the same title.</summary>
    public const string AbsentFromSpotify = "absent_from_spotify";
}
