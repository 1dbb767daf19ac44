using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Refrain.Jobs;

namespace Refrain.Providers.Spotify;

/// <summary>
/// The app's client-credentials access token, shared by every call of one client: requested once, reused until shortly
/// before <c>expires_in</c>, refreshed when a call reports it refused. One request at a time refreshes it.
/// </summary>
internal sealed class SpotifyTokens(HttpClient http, SpotifyOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>Refresh this long before the token expires (at most half its life).</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Cached? _current;

    /// <summary>A usable token, or the outcome that stops the call (credentials missing or refused, accounts service failing).</summary>
    public async Task<(string? Token, JobOutcome? Outcome)> GetAsync(ProviderCall call, CancellationToken cancellationToken)
    {
        if (Valid() is { } token)
        {
            return (token, null);
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            return Valid() is { } fresh ? (fresh, null) : await RequestAsync(call, cancellationToken);
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> after the API refused it; a token already replaced is left alone.</summary>
    public void Invalidate(string token)
    {
        if (_current is { } current && current.Token == token)
        {
            _current = null;
        }
    }

    private string? Valid() => _current is { } c && time.GetUtcNow() < c.RefreshAt ? c.Token : null;

    private async Task<(string? Token, JobOutcome? Outcome)> RequestAsync(ProviderCall call, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.ClientId) || string.IsNullOrEmpty(options.ClientSecret))
        {
            return (null, new JobOutcome.Permanent($"{SpotifyOptions.Section}:ClientId and {SpotifyOptions.Section}:ClientSecret must be set"));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, SpotifyClient.Join(options.AccountsBaseUrl, "/api/token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}")));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var outcome = await TokenFailureAsync(call, response, body, cancellationToken);
                ProvidersLog.TokenFailed(logger, outcome.ToString());
                return (null, outcome);
            }

            var (token, expiresIn) = SpotifyJson.Token(body);
            var life = TimeSpan.FromSeconds(Math.Max(0, expiresIn));
            var margin = life / 2 < Margin ? life / 2 : Margin;
            _current = new Cached(token, time.GetUtcNow() + life - margin);
            ProvidersLog.TokenObtained(logger, expiresIn);
            return (token, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or System.Text.Json.JsonException)
        {
            var outcome = call.Failed(ex, cancellationToken);
            ProvidersLog.TokenFailed(logger, outcome.ToString());
            return (null, outcome);
        }
    }

    /// <summary>Refused credentials (400/401 <c>invalid_client</c>) are permanent and say why; anything else maps like an API call.</summary>
    private static async Task<JobOutcome> TokenFailureAsync(ProviderCall call, HttpResponseMessage response, string body, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            var code = SpotifyJson.ErrorMessage(body) ?? "refused";
            return new JobOutcome.Permanent($"token request: HTTP {status} {code} (check {SpotifyOptions.Section}:ClientId and ClientSecret)");
        }

        var outcome = await call.ClassifyAsync(response, cancellationToken) ?? new JobOutcome.Retry($"token request: HTTP {status}");
        return outcome switch
        {
            JobOutcome.Retry r => r with { Error = $"token request: {r.Error}" },
            JobOutcome.Permanent p => p with { Error = $"token request: {p.Error}" },
            JobOutcome.NoData => new JobOutcome.Permanent($"token request: HTTP {status}: no token endpoint at {SpotifyOptions.Section}:AccountsBaseUrl"),
            _ => outcome,
        };
    }

    private sealed record Cached(string Token, DateTimeOffset RefreshAt);
}
