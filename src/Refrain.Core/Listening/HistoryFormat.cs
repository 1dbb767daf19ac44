namespace Refrain.Listening;

/// <summary>The two shapes of Spotify's listening-history exports.</summary>
internal enum HistoryFormat
{
    /// <summary><c>Streaming_History_Audio_*.json</c>, <c>endsong_*.json</c>: ISO <c>ts</c> to the second, track URIs.</summary>
    Extended,

    /// <summary><c>StreamingHistory*.json</c>: <c>endTime</c> to the minute, names only.</summary>
    AccountData,
}
