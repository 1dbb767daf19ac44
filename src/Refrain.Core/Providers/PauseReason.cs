namespace Refrain.Providers;

/// <summary>Why a provider is paused.</summary>
public static class PauseReason
{
    public const string Rate = "rate";
    public const string Quota = "quota";
    public const string Manual = "manual";
}
