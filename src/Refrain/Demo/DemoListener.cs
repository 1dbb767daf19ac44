namespace Refrain.Demo;

/// <summary>A seeded listener: its uploaded plays, and whether it was connected through the sandbox's sign-in.</summary>
internal sealed record DemoListener(long Id, string Name, long UploadedPlays, bool Connected);
