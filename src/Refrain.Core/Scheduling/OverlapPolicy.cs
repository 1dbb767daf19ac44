namespace Refrain.Scheduling;

/// <summary>What a fire time does while the schedule's previous run is still active.</summary>
public static class OverlapPolicy
{
    public const string Skip = "skip";
    public const string Allow = "allow";

    public static bool IsKnown(string value) => value is Skip or Allow;
}
