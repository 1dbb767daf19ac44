namespace Refrain.Rematch;

/// <summary>The per-song re-match job: <c>('spotify', 'rematch_duration_mismatches', 'song:&lt;id&gt;')</c>.</summary>
public static class RematchJob
{
    public const string Source = "spotify";
    public const string JobType = "rematch_duration_mismatches";

    public static string Subject(long songId) => $"song:{songId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
