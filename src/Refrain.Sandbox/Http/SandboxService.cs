namespace Refrain.Sandbox;

/// <summary>Which real service a stand-in imitates: it decides how refusals look.</summary>
internal enum SandboxService
{
    Spotify,
    MusicBrainz,
}
