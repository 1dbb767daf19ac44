using Refrain.Listening.Uploads;

namespace Refrain.Listening;

/// <summary>
/// A listener's history routes under <c>/api/listeners/{id}</c>: uploads, enrichment and play deletion, mapped onto the
/// listeners group so they share its tag and account scoping.
/// </summary>
public static class ListenerHistoryApi
{
    public static RouteGroupBuilder MapListenerHistory(this RouteGroupBuilder listeners)
    {
        listeners.MapListenerUploads();
        return listeners;
    }
}
