namespace Refrain.Listening;

/// <summary>Plays were to be written for a listener that no longer exists (deleted while its import or sync ran).</summary>
public sealed class ListenerGoneException(long listenerId) : Exception($"listener {listenerId} no longer exists; nothing was stored")
{
    public long ListenerId { get; } = listenerId;
}
