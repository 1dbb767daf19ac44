using Microsoft.Extensions.Logging;

namespace Refrain.Listening;

/// <summary>Log messages of the listener token lifecycle (providers range, 311x). Never a token.</summary>
internal static partial class ListenerTokensLog
{
    [LoggerMessage(3111, LogLevel.Debug, "Refreshed the access token of listener {ListenerId}; refresh token {RefreshToken}")]
    public static partial void Refreshed(ILogger logger, long listenerId, string refreshToken);

    [LoggerMessage(3112, LogLevel.Warning, "Listener {ListenerId} needs to reconnect: {Reason}")]
    public static partial void ReauthRequired(ILogger logger, long listenerId, string reason);

    [LoggerMessage(3113, LogLevel.Information, "Listener {ListenerId} re-probed: {Result}")]
    public static partial void Reprobed(ILogger logger, long listenerId, string result);
}
