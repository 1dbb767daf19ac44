using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refrain.Jobs;
using Refrain.Measurements.Quota;

namespace Refrain.Providers.Snapshot;

/// <summary>
/// The snapshot service (DESIGN §6): today's play counts of an album's tracks. Every request passes the provider gate, then
/// is ledgered at <see cref="SnapshotOptions.CostPerAlbumUsd"/> (and capped when <see cref="SnapshotOptions.MonthlyCallCap"/>
/// is set). Never payment-gated.
/// </summary>
public sealed partial class SnapshotClient
{
    /// <summary>The provider name: the gate, the pause, the ledger and configuration <c>Providers:Snapshot</c>.</summary>
    public const string Provider = "snapshot";

    private const string Endpoint = "GET /albums/{id}/playcounts";

    private readonly HttpClient _http;
    private readonly SnapshotOptions _options;
    private readonly QuotaService _quota;
    private readonly ILogger _logger;

    /// <exception cref="OptionsValidationException">The options are invalid (e.g. no base URL): the provider refuses to start.</exception>
    public SnapshotClient(HttpClient http, SnapshotOptions options, QuotaService quota, ILogger<SnapshotClient> logger)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(SnapshotOptions.Section, typeof(SnapshotOptions), errors);
        }

        _http = http;
        _options = options;
        _quota = quota;
        _logger = logger;
    }

    /// <summary>
    /// The play counts of every track of the Spotify album <paramref name="spotifyAlbumId"/>, charged to
    /// <paramref name="accountId"/>. 404 is <see cref="JobOutcome.NoData"/>; a body of the wrong shape is a retry marked unparseable.
    /// </summary>
    public async Task<ProviderResult<AlbumPlaycounts>> GetAlbumPlaycountsAsync(
        ProviderCall call, long? accountId, string spotifyAlbumId, CancellationToken cancellationToken)
    {
        var id = (spotifyAlbumId ?? "").Trim();
        var what = $"play counts of album {id}";
        if (!AlbumId().IsMatch(id))
        {
            return call.Stop<AlbumPlaycounts>(new JobOutcome.Permanent($"'{spotifyAlbumId}' is not a Spotify album id"), what);
        }

        var uri = new Uri($"{_options.BaseUrl!.AbsoluteUri.TrimEnd('/')}/albums/{id}/playcounts");
        return await PaidRequest.ReadAsync(call, _quota, _http, Provider, accountId, uri, _ => { }, Endpoint, what,
            body => SnapshotJson.Playcounts(body, id), _logger, cancellationToken);
    }

    /// <summary>Spotify ids are base62; the length is not checked beyond reason so stand-ins may use their own.</summary>
    [GeneratedRegex("^[0-9A-Za-z]{1,64}$")]
    private static partial Regex AlbumId();
}
