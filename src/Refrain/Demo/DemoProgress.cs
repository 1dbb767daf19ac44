using System.Globalization;
using System.Text.Json;

namespace Refrain.Demo;

/// <summary>
/// Prints a line as each thing the demo started finishes, read through the HTTP API as any client would: the re-match
/// run's summary, the measurement run, the connected listener's first sync, and enrichment progress per listener.
/// </summary>
internal sealed class DemoProgress(HttpClient api, DemoSeed seed, TextWriter output, TimeProvider time, long startedAt)
{
    private static readonly string[] ReviewCases = ["kept", "canonical_suspect", "ambiguous", "below_floor", "no_candidates"];

    private readonly HashSet<string> _said = new(StringComparer.Ordinal);
    private readonly Dictionary<long, double> _printed = [];
    private long _lastEnrichmentLine;

    /// <summary>Polls every 2 s (well inside the API's per-key limit) until <paramref name="ct"/> ends; a failed poll is reported and the next one tries again.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await PollAsync(ct);
                await Task.Delay(TimeSpan.FromSeconds(2), time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException)
            {
                await SayAsync($"progress: could not read the API ({ex.Message}); trying again");
                await Task.Delay(TimeSpan.FromSeconds(5), time, ct);
            }
        }
    }

    private string Elapsed => time.GetElapsedTime(startedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private async Task PollAsync(CancellationToken ct)
    {
        if (seed.RematchRunId is { } rematch && !_said.Contains("rematch") && await EndedRunAsync(rematch, ct) is { } run
            && run.TryGetProperty("summary", out var written) && written.ValueKind == JsonValueKind.Object)
        {
            _said.Add("rematch");
            // The summary is written just after the run ends: waited for above.
            var summary = written;
            var relinked = Count(summary, "relinked");
            var review = ReviewCases.Sum(c => Count(summary, c));
            await SayAsync($"[{Elapsed}] re-match run {rematch} {run.GetProperty("state").GetString()}: relinked {relinked}, for review {review}"
                + (summary.TryGetProperty("text", out var text) ? $" ({text.GetString()})" : ""));
            await SayAsync($"    review them: curl -H \"x-api-key: $KEY\" {api.BaseAddress}api/reviews/duration-mismatches");
        }

        if (seed.MeasurementRunId is { } measurement && !_said.Contains("measurement") && await EndedRunAsync(measurement, ct) is { } measured)
        {
            _said.Add("measurement");
            var counts = measured.GetProperty("counts");
            await SayAsync($"[{Elapsed}] measurement run {measurement} {measured.GetProperty("state").GetString()}: "
                + $"{counts.GetProperty("succeeded").GetInt64()} of {counts.GetProperty("total").GetInt64()} album play-count snapshots taken");
        }

        await ListenersAsync(ct);
    }

    private async Task ListenersAsync(CancellationToken ct)
    {
        var now = new Dictionary<long, double>();
        var parts = new List<string>();
        foreach (var listener in seed.Listeners)
        {
            var body = await GetAsync($"api/listeners/{listener.Id}", ct);
            if (body is not { } l)
            {
                continue;
            }

            if (listener.Connected && !_said.Contains($"sync:{listener.Id}") && l.GetProperty("last_sync_at").ValueKind == JsonValueKind.String)
            {
                _said.Add($"sync:{listener.Id}");
                await SayAsync($"[{Elapsed}] {listener.Name} connected through the sandbox's Spotify sign-in; first sync done, {l.GetProperty("total_plays").GetInt64()} plays now");
            }

            var percent = l.GetProperty("percent_enriched").GetDouble();
            now[listener.Id] = percent;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{listener.Name} {percent:0}% of {l.GetProperty("total_plays").GetInt64()} plays"));
        }

        // At most a line every 5 s while it moves, so the other lines stay readable; compared with the last line printed.
        var changed = now.Any(p => !_printed.TryGetValue(p.Key, out var before) || Math.Abs(before - p.Value) >= 0.5);
        if (changed && time.GetElapsedTime(_lastEnrichmentLine) > TimeSpan.FromSeconds(5))
        {
            _lastEnrichmentLine = time.GetTimestamp();
            foreach (var (id, percent) in now)
            {
                _printed[id] = percent;
            }

            await SayAsync($"[{Elapsed}] enrichment: {string.Join(", ", parts)}");
        }
    }

    private async Task<JsonElement?> EndedRunAsync(long id, CancellationToken ct) =>
        await GetAsync($"api/tasks/runs/{id}", ct) is { } run && run.GetProperty("state").GetString() != "running" ? run : null;

    private async Task<JsonElement?> GetAsync(string path, CancellationToken ct)
    {
        using var response = await api.GetAsync(path, ct);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return document.RootElement.Clone();
    }

    private static long Count(JsonElement summary, string name) =>
        summary.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    private async Task SayAsync(string line)
    {
        await output.WriteLineAsync(line);
        await output.FlushAsync(CancellationToken.None);
    }
}
