namespace Refrain.Scheduling;

/// <summary>What happens to fire times noticed later than the misfire threshold.</summary>
public static class MisfirePolicy
{
    public const string Once = "once";
    public const string Skip = "skip";

    public static bool IsKnown(string value) => value is Once or Skip;
}
