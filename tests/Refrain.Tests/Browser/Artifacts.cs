namespace Refrain.Tests.Browser;

/// <summary>
/// The repository's <c>artifacts/</c> folder (ignored by git), where browser tests leave screenshots for a reviewer: found
/// by walking up from the test binaries to the folder holding <c>Refrain.slnx</c>.
/// </summary>
internal static class Artifacts
{
    public static string Screenshots { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Refrain.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Refrain.slnx above {AppContext.BaseDirectory}");
    }
}
