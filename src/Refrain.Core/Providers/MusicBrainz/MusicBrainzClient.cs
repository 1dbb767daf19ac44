using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refrain.Jobs;

namespace Refrain.Providers.MusicBrainz;

/// <summary>
/// The MusicBrainz web service (DESIGN §6): recordings by ISRC and by MBID, with the configured User-Agent on every request.
/// Every request passes the provider gate of the <see cref="ProviderCall"/> (one request per second by default); a 503 means
/// over the rate limit and is treated as a 429.
/// </summary>
public sealed partial class MusicBrainzClient
{
    /// <summary>The provider name: the gate, the pause and configuration <c>Providers:MusicBrainz</c>.</summary>
    public const string Provider = "musicbrainz";

    /// <summary>Recording lengths this close (ms) agree on one canonical duration.</summary>
    public const int AgreementMs = 3000;

    private readonly HttpClient _http;
    private readonly MusicBrainzOptions _options;
    private readonly ILogger _logger;

    /// <exception cref="OptionsValidationException">The options are invalid (e.g. no User-Agent): the provider refuses to start.</exception>
    public MusicBrainzClient(HttpClient http, MusicBrainzOptions options, ILogger<MusicBrainzClient> logger)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(MusicBrainzOptions.Section, typeof(MusicBrainzOptions), errors);
        }

        _http = http;
        _options = options;
        _logger = logger;
    }

    /// <summary>The recordings carrying <paramref name="isrc"/> (one ISRC may have several); 404 is <see cref="JobOutcome.NoData"/>.</summary>
    public async Task<ProviderResult<IReadOnlyList<MusicBrainzRecording>>> GetByIsrcAsync(ProviderCall call, string isrc, CancellationToken cancellationToken)
    {
        const string endpoint = "GET /ws/2/isrc/{isrc}";
        var normalised = (isrc ?? "").Trim().ToUpperInvariant();
        var what = $"ISRC {normalised}";
        if (!Isrc().IsMatch(normalised))
        {
            return call.Stop<IReadOnlyList<MusicBrainzRecording>>(new JobOutcome.Permanent($"'{isrc}' is not an ISRC"), what);
        }

        var (body, outcome) = await GetAsync(call, $"/ws/2/isrc/{normalised}?inc=artist-credits&fmt=json", endpoint, cancellationToken);
        var (recordings, unparseable) = outcome is null ? Read(call, () => MusicBrainzJson.IsrcLookup(body!, normalised), endpoint, cancellationToken) : default;
        return (outcome ?? unparseable) is { } stop
            ? call.Stop<IReadOnlyList<MusicBrainzRecording>>(stop, what)
            : call.Of(recordings!);
    }

    /// <summary>One recording with its artists and ISRCs; 404 is <see cref="JobOutcome.NoData"/>.</summary>
    public async Task<ProviderResult<MusicBrainzRecording>> GetByMbidAsync(ProviderCall call, string mbid, CancellationToken cancellationToken)
    {
        const string endpoint = "GET /ws/2/recording/{mbid}";
        var what = $"recording {mbid}";
        if (!Guid.TryParseExact((mbid ?? "").Trim(), "D", out var id))
        {
            return call.Stop<MusicBrainzRecording>(new JobOutcome.Permanent($"'{mbid}' is not a MusicBrainz id"), what);
        }

        var (body, outcome) = await GetAsync(call, $"/ws/2/recording/{id:D}?inc=artist-credits+isrcs&fmt=json", endpoint, cancellationToken);
        var (recording, unparseable) = outcome is null ? Read(call, () => MusicBrainzJson.RecordingLookup(body!), endpoint, cancellationToken) : default;
        return (outcome ?? unparseable) is { } stop ? call.Stop<MusicBrainzRecording>(stop, what) : call.Of(recording!);
    }

    /// <summary>
    /// The canonical duration of the recordings of one ISRC (DESIGN §6): when every known length lies within
    /// <see cref="AgreementMs"/> of the others, their median (the mean of the middle two for an even count, rounded);
    /// otherwise, or when no length is known, null (unknown). Null lengths are unknown, never a disagreement.
    /// </summary>
    public static int? CanonicalDurationMs(IReadOnlyList<MusicBrainzRecording> recordings)
    {
        var lengths = recordings.Where(r => r.LengthMs is > 0).Select(r => (long)r.LengthMs!.Value).Order().ToList();
        if (lengths.Count == 0 || lengths[^1] - lengths[0] > AgreementMs)
        {
            return null;
        }

        var middle = lengths.Count / 2;
        return lengths.Count % 2 == 1
            ? (int)lengths[middle]
            : (int)Math.Round((lengths[middle - 1] + lengths[middle]) / 2.0, MidpointRounding.AwayFromZero);
    }

    [GeneratedRegex("^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$")]
    private static partial Regex Isrc();
}
