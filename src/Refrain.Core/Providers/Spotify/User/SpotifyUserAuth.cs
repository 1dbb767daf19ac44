using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Refrain.Jobs;

namespace Refrain.Providers.Spotify;

/// <summary>
/// Spotify's user authorization (Authorization Code with PKCE) for listeners: exchanging a code, refreshing an access token,
/// and <c>GET /v1/me</c> with a user's token. Every request passes the provider gate of the <see cref="ProviderCall"/> (the
/// shared Spotify rate limit and pause); a 429 snoozes, 5xx, 408 and timeouts are retries, and <c>invalid_grant</c> is its
/// own answer (<see cref="SpotifyUserAnswer{T}.InvalidGrant"/>). Never throws for an answer, so an API request and a job
/// handle it alike.
/// </summary>
public sealed class SpotifyUserAuth(HttpClient http, SpotifyOptions options, ILogger<SpotifyUserAuth> logger)
{
    /// <summary>The only scope Refrain asks for: reading the recently played tracks.</summary>
    public const string Scope = "user-read-recently-played";

    /// <summary>Exchanges an authorization code for tokens (the answer always carries a refresh token).</summary>
    public async Task<SpotifyUserAnswer<SpotifyUserToken>> ExchangeCodeAsync(
        ProviderCall call, string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken)
    {
        var answer = await TokenAsync(call, "authorization_code",
            [new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", redirectUri), new("code_verifier", codeVerifier)], cancellationToken);
        return answer.IsOk && answer.Value!.RefreshToken is null
            ? SpotifyUserAnswer<SpotifyUserToken>.Stop(new JobOutcome.Retry("token request: the authorization answer has no refresh_token"))
            : answer;
    }

    /// <summary>A new access token for <paramref name="refreshToken"/>; the answer's refresh token is null when Spotify kept the old one.</summary>
    public Task<SpotifyUserAnswer<SpotifyUserToken>> RefreshAsync(ProviderCall call, string refreshToken, CancellationToken cancellationToken) =>
        TokenAsync(call, "refresh_token", [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], cancellationToken);

    /// <summary>The user behind <paramref name="accessToken"/>.</summary>
    public async Task<SpotifyUserAnswer<SpotifyUserProfile>> GetProfileAsync(ProviderCall call, string accessToken, CancellationToken cancellationToken)
    {
        if (await call.AcquireAsync(cancellationToken) is { } wait)
        {
            return SpotifyUserAnswer<SpotifyUserProfile>.Stop(wait);
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, SpotifyClient.Join(options.ApiBaseUrl, "/v1/me"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var outcome = ProviderCall.Explain(await call.ClassifyAsync(response, cancellationToken), SpotifyJson.ErrorMessage(body));
                SpotifyUserLog.ProfileFailed(logger, outcome.ToString());
                return SpotifyUserAnswer<SpotifyUserProfile>.Stop(outcome);
            }

            return SpotifyUserAnswer<SpotifyUserProfile>.Of(SpotifyUserJson.Profile(body));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or JsonException)
        {
            var outcome = call.Failed(ex, cancellationToken);
            SpotifyUserLog.ProfileFailed(logger, outcome.ToString());
            return SpotifyUserAnswer<SpotifyUserProfile>.Stop(outcome);
        }
    }

    private async Task<SpotifyUserAnswer<SpotifyUserToken>> TokenAsync(
        ProviderCall call, string grant, KeyValuePair<string, string>[] form, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.ClientId) || string.IsNullOrEmpty(options.ClientSecret))
        {
            return SpotifyUserAnswer<SpotifyUserToken>.Stop(new JobOutcome.Permanent($"{SpotifyOptions.Section}:ClientId and {SpotifyOptions.Section}:ClientSecret must be set"));
        }

        if (await call.AcquireAsync(cancellationToken) is { } wait)
        {
            return SpotifyUserAnswer<SpotifyUserToken>.Stop(wait);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, SpotifyClient.Join(options.AccountsBaseUrl, "/api/token"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}")));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var token = SpotifyUserJson.Token(body);
                SpotifyUserLog.Granted(logger, grant, (long)token.ExpiresIn.TotalSeconds, token.RefreshToken is null ? "kept" : "issued");
                return SpotifyUserAnswer<SpotifyUserToken>.Of(token);
            }

            return await FailureAsync(call, grant, response, body, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or JsonException)
        {
            var outcome = call.Failed(ex, cancellationToken);
            SpotifyUserLog.GrantFailed(logger, grant, outcome.ToString());
            return SpotifyUserAnswer<SpotifyUserToken>.Stop(outcome);
        }
    }

    /// <summary>
    /// <c>invalid_grant</c> is the user's to fix; any other 400/401 is the app's configuration (permanent, named); the rest
    /// maps like an API call (429 pauses the provider and snoozes, 5xx and 408 retry).
    /// </summary>
    private async Task<SpotifyUserAnswer<SpotifyUserToken>> FailureAsync(
        ProviderCall call, string grant, HttpResponseMessage response, string body, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            var (error, description) = SpotifyUserJson.OAuthError(body);
            if (error == "invalid_grant")
            {
                SpotifyUserLog.InvalidGrant(logger, grant, description ?? "no description");
                return SpotifyUserAnswer<SpotifyUserToken>.Stop(
                    new JobOutcome.Permanent($"token request: HTTP {status} invalid_grant: {description ?? "refused"}"), invalidGrant: true);
            }

            var refused = new JobOutcome.Permanent(
                $"token request: HTTP {status} {error ?? "refused"}{(description is null ? "" : $": {description}")} (check {SpotifyOptions.Section}:ClientId, ClientSecret and RedirectUri)");
            SpotifyUserLog.GrantFailed(logger, grant, refused.ToString());
            return SpotifyUserAnswer<SpotifyUserToken>.Stop(refused);
        }

        var outcome = await call.ClassifyAsync(response, cancellationToken) ?? new JobOutcome.Retry($"HTTP {status}");
        outcome = outcome switch
        {
            JobOutcome.Retry r => r with { Error = $"token request: {r.Error}" },
            JobOutcome.Permanent p => p with { Error = $"token request: {p.Error}" },
            JobOutcome.NoData => new JobOutcome.Permanent($"token request: HTTP {status}: no token endpoint at {SpotifyOptions.Section}:AccountsBaseUrl"),
            _ => outcome,
        };
        SpotifyUserLog.GrantFailed(logger, grant, outcome.ToString());
        return SpotifyUserAnswer<SpotifyUserToken>.Stop(outcome);
    }
}
