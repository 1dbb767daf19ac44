using Microsoft.Extensions.Logging;

namespace Refrain.Providers.Spotify;

/// <summary>Log messages of the Spotify user authorization (providers range, 31xx). Never a token, code or verifier.</summary>
internal static partial class SpotifyUserLog
{
    [LoggerMessage(3101, LogLevel.Debug, "Spotify {Grant} grant answered: access token valid for {Seconds} s, refresh token {RefreshToken}")]
    public static partial void Granted(ILogger logger, string grant, long seconds, string refreshToken);

    [LoggerMessage(3102, LogLevel.Warning, "Spotify refused the {Grant} grant (invalid_grant): {Description}")]
    public static partial void InvalidGrant(ILogger logger, string grant, string description);

    [LoggerMessage(3103, LogLevel.Warning, "Spotify {Grant} grant failed: {Outcome}")]
    public static partial void GrantFailed(ILogger logger, string grant, string outcome);

    [LoggerMessage(3104, LogLevel.Warning, "Spotify GET /v1/me failed: {Outcome}")]
    public static partial void ProfileFailed(ILogger logger, string outcome);
}
