using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refrain.Jobs;
using Refrain.Measurements.Quota;

namespace Refrain.Providers.Songstats;

/// <summary>
/// The Songstats Enterprise API (DESIGN §6): a track's Spotify stream history by ISRC, as cumulative totals per date. Every
/// request passes the provider gate of the <see cref="ProviderCall"/>, then reserves one unit of the monthly quota (the call
/// is paid: a timeout still counts as spent).
/// </summary>
public sealed partial class SongstatsClient
{
    /// <summary>The provider name: the gate, the pause, the quota and configuration <c>Providers:Songstats</c>.</summary>
    public const string Provider = "songstats";

    private const string Endpoint = "GET /enterprise/v1/tracks/historic_stats";

    private readonly HttpClient _http;
    private readonly SongstatsOptions _options;
    private readonly QuotaService _quota;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <exception cref="OptionsValidationException">The options are invalid (e.g. no API key): the provider refuses to start.</exception>
    public SongstatsClient(HttpClient http, SongstatsOptions options, QuotaService quota, TimeProvider time, ILogger<SongstatsClient> logger)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(SongstatsOptions.Section, typeof(SongstatsOptions), errors);
        }

        _http = http;
        _options = options;
        _quota = quota;
        _time = time;
        _logger = logger;
    }

    /// <summary>Where a song's history starts: its release date, else the configured <see cref="SongstatsOptions.HistoryStart"/>.</summary>
    public DateOnly HistoryStart(DateOnly? releaseDate) => releaseDate ?? _options.HistoryStart;

    /// <summary>Where every history ends: yesterday (UTC), inclusive; today's total is not final yet.</summary>
    public DateOnly HistoryEnd() => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime).AddDays(-1);

    /// <summary>
    /// The Spotify stream totals of <paramref name="isrc"/> from <paramref name="from"/> to <paramref name="to"/> inclusive,
    /// oldest first, charged to <paramref name="accountId"/>. 404 (Songstats has no history) is <see cref="JobOutcome.NoData"/>;
    /// a body of the wrong shape is a retry marked unparseable, with the reason; a spent cap snoozes until next month. An
    /// empty range answers an empty history without a call.
    /// </summary>
    public async Task<ProviderResult<SongstatsHistory>> GetHistoryAsync(
        ProviderCall call, long? accountId, string isrc, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var normalised = (isrc ?? "").Trim().ToUpperInvariant();
        var what = $"Songstats history of ISRC {normalised}";
        if (!Isrc().IsMatch(normalised))
        {
            return call.Stop<SongstatsHistory>(new JobOutcome.Permanent($"'{isrc}' is not an ISRC"), what);
        }

        if (from > to)
        {
            return call.Of(new SongstatsHistory(normalised, []));
        }

        var uri = new Uri(string.Create(CultureInfo.InvariantCulture,
            $"{_options.BaseUrl.AbsoluteUri.TrimEnd('/')}/enterprise/v1/tracks/historic_stats?isrc={normalised}&source=spotify&start_date={from:yyyy-MM-dd}&end_date={to:yyyy-MM-dd}"));
        return await PaidRequest.ReadAsync(call, _quota, _http, Provider, accountId, uri,
            r => r.Headers.TryAddWithoutValidation("apikey", _options.ApiKey), Endpoint, what,
            body => new SongstatsHistory(normalised, SongstatsJson.History(body)), _logger, cancellationToken);
    }

    [GeneratedRegex("^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$")]
    private static partial Regex Isrc();
}
