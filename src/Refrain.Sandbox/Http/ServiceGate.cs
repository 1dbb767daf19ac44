using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Refrain.Sandbox;

/// <summary>
/// What stands between a request and its answer: a 429 storm, the rolling rate limit, then the configured faults (quota,
/// extra 429s, hangs, 5xx, malformed bodies). Refusals look like the imitated service's own.
/// </summary>
internal sealed class ServiceGate(SandboxService service, SandboxServiceOptions options, TimeProvider time, SandboxStats stats, int seed, CancellationToken stopping)
{
    private readonly RollingWindow _window = new();
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();

    public async Task<Admission> AdmitAsync(HttpContext context)
    {
        var now = time.GetUtcNow();
        if (options.StormUntil is { } storm && storm > now)
        {
            await TooManyAsync(context, storm - now, quota: false);
            return Admission.Refused;
        }

        if (!_window.TryAcquire(now, options.RequestsPerWindow, options.Window, out var retryAt))
        {
            await TooManyAsync(context, retryAt - now, quota: false);
            return Admission.Refused;
        }

        if (Roll(options.QuotaExceededRate))
        {
            await TooManyAsync(context, options.QuotaRetryAfter, quota: true);
            return Admission.Refused;
        }

        if (Roll(options.TooManyRequestsRate))
        {
            await TooManyAsync(context, options.TooManyRequestsRetryAfter, quota: false);
            return Admission.Refused;
        }

        if (Roll(options.TimeoutRate))
        {
            stats.CountFault();
            await HangAsync(context);
            return Admission.Refused;
        }

        if (Roll(options.ServerErrorRate))
        {
            stats.CountFault();
            await ServerErrorAsync(context);
            return Admission.Refused;
        }

        if (Roll(options.MalformedRate))
        {
            stats.CountFault();
            return Admission.Malformed;
        }

        return Admission.Admitted;
    }

    private async Task TooManyAsync(HttpContext context, TimeSpan wait, bool quota)
    {
        stats.CountTooManyRequests();
        if (RetryAfterValue(wait) is { } value)
        {
            // Spotify has been seen sending the header in lower case.
            context.Response.Headers[service == SandboxService.Spotify ? "retry-after" : "Retry-After"] = value;
        }

        if (service == SandboxService.MusicBrainz)
        {
            await Respond.MusicBrainzErrorAsync(context, StatusCodes.Status503ServiceUnavailable,
                "Your requests are exceeding the allowable rate limit. Please see https://wiki.musicbrainz.org/MusicBrainz_API/Rate_Limiting for more information.");
            return;
        }

        if (!quota && Roll(options.EmptyTooManyRequestsBodyRate))
        {
            await Respond.TextAsync(context, StatusCodes.Status429TooManyRequests, "", "application/json; charset=utf-8");
            return;
        }

        var error = new JsonObject { ["status"] = 429, ["message"] = "API rate limit exceeded" };
        if (quota)
        {
            error["reason"] = "QUOTA_EXCEEDED";
        }

        await Respond.JsonAsync(context, StatusCodes.Status429TooManyRequests, new JsonObject { ["error"] = error });
    }

    private string? RetryAfterValue(TimeSpan wait)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        return options.RetryAfter switch
        {
            RetryAfterStyle.Seconds => seconds.ToString(CultureInfo.InvariantCulture),
            RetryAfterStyle.HttpDate => At(time.GetUtcNow() + wait).ToString("r", CultureInfo.InvariantCulture),
            RetryAfterStyle.Zero => "0",
            _ => null,
        };
    }

    /// <summary>An HTTP-date has whole seconds: round up so a client that obeys it is never early.</summary>
    private static DateTimeOffset At(DateTimeOffset instant)
    {
        var whole = new DateTimeOffset(instant.Ticks - (instant.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return whole < instant ? whole.AddSeconds(1) : whole;
    }

    private async Task HangAsync(HttpContext context)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(options.Hang, both.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up (its timeout) or the sandbox stops: nobody is left to answer.
            return;
        }

        await (service == SandboxService.Spotify
            ? Respond.SpotifyErrorAsync(context, StatusCodes.Status504GatewayTimeout, "Gateway timeout")
            : Respond.TextAsync(context, StatusCodes.Status504GatewayTimeout, "<html><body><h1>504 Gateway Time-out</h1></body></html>", "text/html"));
    }

    private Task ServerErrorAsync(HttpContext context)
    {
        int status;
        lock (_lock)
        {
            status = service == SandboxService.Spotify ? _random.Next(3) switch { 0 => 500, 1 => 502, _ => 503 } : _random.Next(2) == 0 ? 500 : 502;
        }

        if (service == SandboxService.MusicBrainz)
        {
            return status == 502
                ? Respond.TextAsync(context, status, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", "text/html")
                : Respond.MusicBrainzErrorAsync(context, status, "Internal server error");
        }

        var message = status switch { 500 => "Server error.", 502 => "Bad gateway.", _ => "Service unavailable" };
        return Respond.SpotifyErrorAsync(context, status, message);
    }

    private bool Roll(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        lock (_lock)
        {
            return _random.NextDouble() < rate;
        }
    }
}
