using System.Globalization;
using Refrain.Jobs;
using Refrain.Matching;
using Refrain.Providers;
using Refrain.Providers.Spotify;

namespace Refrain.Listening.Enrichment;

/// <summary>
/// <c>('spotify', 'enrich_tracks', '&lt;listener&gt;:&lt;first key&gt;')</c>: resolves up to 50 distinct tracks once each and
/// fills every play of every listener that waits on them. Track ids go through the track cache, then
/// <c>GET /v1/tracks/{id}</c> (or the batch endpoint when enabled); name-only plays through a search on the normalised title
/// and artist, decided by <see cref="SpotifyMatcher"/> with its floor and margin.
/// </summary>
/// <remarks>
/// A play has no canonical duration: <c>ms_played</c> is how long it was listened to, and a skip or a partial play would
/// penalise the right track. The matcher is therefore given no duration (its "unknown" case, which an exact title and
/// artist still pass) and the export's album, which only breaks ties. Only when that leaves two recordings within the margin
/// (e.g. an album track and a compilation's slightly longer cut) is the longest play of the key offered as the duration,
/// and its decision kept only if it accepts: a play that ran to the end tells the two apart, a skipped one changes nothing. A not-found id, an empty search or a candidate below
/// the floor or within the margin marks the key unresolved with a re-check; a transient failure or a 429 writes nothing
/// unresolved: the job returns its outcome (retry or snooze) after storing what it did resolve.
/// </remarks>
public sealed class EnrichTracksHandler(SpotifyClient spotify, SpotifyMatcher matcher) : IJobHandler
{
    public async Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        if (EnrichmentArgs.Parse(context.Job.Args) is not { Tracks: { Count: > 0 } tracks })
        {
            return new JobOutcome.Permanent("args must be {\"listener\": <id>, \"tracks\": [{\"k\": \"id:…\" or \"name:…\", …}]}");
        }

        var now = context.Time.GetUtcNow();
        var known = (await context.Store.GetTrackResolutionsAsync(tracks.Select(t => t.Key).ToList(), cancellationToken))
            .ToDictionary(r => r.Key, StringComparer.Ordinal);

        // Another job (another listener's, or this one's earlier attempt) may have settled a key already: fill from it.
        var settled = tracks.Where(t => known.GetValueOrDefault(t.Key) is { } r && (r.State == TrackResolution.Resolved || r.RecheckAt > now))
            .Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        var todo = tracks.Where(t => !settled.Contains(t.Key)).ToList();
        var learned = new List<TrackResolution>();
        var call = ProviderCall.ForJob(context);

        TrackResolution Unresolved(string key, string reason)
        {
            var checks = known.GetValueOrDefault(key) is { State: TrackResolution.Unresolved } prior ? prior.Checks + 1 : 1;
            return new TrackResolution(key, TrackResolution.Unresolved) { Reason = reason, Checks = checks, RecheckAt = now + TrackResolution.RecheckDelay(checks) };
        }

        var ids = todo.Where(t => t.TrackId is not null).ToList();
        if (ids.Count > 0)
        {
            // A cached track is never unresolved (only found tracks are cached), so re-checks need no bypass here.
            var read = await spotify.GetTracksAsync(call, ids.Select(t => t.TrackId!).ToList(), bypassCache: false, cancellationToken);
            if (!read.IsOk)
            {
                // The tracks read before the stop are in the track cache: the next attempt resolves them without a request.
                return await StopAsync(context, learned, settled, read.Outcome!, cancellationToken);
            }

            var found = read.Value!.ToDictionary(t => t.Id, StringComparer.Ordinal);
            learned.AddRange(ids.Select(t => found.TryGetValue(t.TrackId!, out var track) ? Resolved(t.Key, track)
                : Unresolved(t.Key, SpotifyClient.IsTrackId(t.TrackId) ? "not_found" : "invalid_track_id")));
        }

        foreach (var name in todo.Where(t => t.TrackId is null))
        {
            // A re-check asks Spotify again: the cached answer is the one that found nothing.
            var recheck = known.ContainsKey(name.Key);
            var search = await spotify.SearchAsync(call, name.NormTitle ?? name.Title ?? "", name.NormArtist ?? name.Artist ?? "", RematchLimit, recheck, cancellationToken);
            if (!search.IsOk)
            {
                if (search.Outcome is JobOutcome.Permanent or JobOutcome.NoData)
                {
                    learned.Add(Unresolved(name.Key, "search_refused"));
                    continue;
                }

                return await StopAsync(context, learned, settled, search.Outcome!, cancellationToken);
            }

            var facts = new SongFacts(name.Title ?? "", [name.Artist ?? ""], name.Album, null, null);
            var decision = matcher.Decide(facts, search.Value!);
            if (decision.Verdict == MatchVerdict.Ambiguous && name.LongestPlayMs is > 0 and <= int.MaxValue)
            {
                // Only to break a tie between recordings: the longest play is the track's length when it was played through.
                var byLength = matcher.Decide(facts with { DurationMs = (int)name.LongestPlayMs.Value }, search.Value!);
                decision = byLength.Verdict == MatchVerdict.Accepted ? byLength : decision;
            }

            learned.Add(decision is { Verdict: MatchVerdict.Accepted, Best: { } best } ? Resolved(name.Key, best.Track) : Unresolved(name.Key, decision.Verdict switch
            {
                MatchVerdict.Ambiguous => "ambiguous",
                MatchVerdict.NoCandidates => "no_candidates",
                _ => "below_floor",
            }));
        }

        var plays = await context.Store.ApplyTrackResolutionsAsync(learned, settled, cancellationToken);
        var resolved = learned.Count(r => r.State == TrackResolution.Resolved) + settled.Count(k => known[k].State == TrackResolution.Resolved);
        return JobOutcome.Success(string.Create(CultureInfo.InvariantCulture,
            $"resolved {resolved}, unresolved {tracks.Count - resolved}, plays enriched {plays.Enriched}, plays unresolved {plays.Unresolved}, calls {call.Requests}"));
    }

    /// <summary>Items per search: the most Spotify returns (the re-match asks the same).</summary>
    private const int RematchLimit = SpotifyClient.MaxSearchLimit;

    private static TrackResolution Resolved(string key, SpotifyTrack track) => new(key, TrackResolution.Resolved)
    {
        SpotifyTrackId = track.Id, Isrc = track.Isrc, DurationMs = track.DurationMs, Album = track.Album?.Name, Checks = 0,
    };

    /// <summary>Stores what was resolved before a transient stop, then hands the stop (retry or snooze) to the worker.</summary>
    private static async Task<JobOutcome> StopAsync(JobContext context, List<TrackResolution> learned, IReadOnlyCollection<string> settled, JobOutcome stop,
        CancellationToken cancellationToken)
    {
        await context.Store.ApplyTrackResolutionsAsync(learned, settled, cancellationToken);
        return stop;
    }
}
