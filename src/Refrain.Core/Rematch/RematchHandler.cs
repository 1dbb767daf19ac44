using System.Text.Json;
using Refrain.Jobs;
using Refrain.Matching;
using Refrain.Providers;
using Refrain.Providers.Spotify;

namespace Refrain.Rematch;

/// <summary>
/// <c>('spotify', 'rematch_duration_mismatches', 'song:&lt;id&gt;')</c>: re-reads the linked track, searches by ISRC and by
/// title and artist, lets the matcher decide, and ends in exactly one case of <see cref="RematchCase"/>. It never removes a
/// link and never overrides a reviewer.
/// </summary>
public sealed class RematchHandler(SpotifyClient spotify, SpotifyMatcher matcher) : IJobHandler
{
    public const int SearchLimit = 10;

    public async Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var (song, stop) = await SongSubject.LoadAsync(context, cancellationToken);
        if (song is null)
        {
            return stop!;
        }

        if (song.DecidedBy == "reviewer")
        {
            return JobOutcome.Success(RematchCase.SkippedReviewer);
        }

        var call = ProviderCall.ForJob(context);
        SpotifyTrack? current = null;
        if (song.SpotifyTrackId is { } linked)
        {
            var read = await spotify.GetTrackAsync(call, linked, bypassCache: true, cancellationToken);
            if (!read.IsOk && read.Outcome is not JobOutcome.NoData)
            {
                return read.Outcome!;
            }

            current = read.Value;
        }

        var candidates = new Dictionary<string, SpotifyTrack>(StringComparer.Ordinal);
        if (current is not null)
        {
            candidates[current.Id] = current;
        }

        if (song.Isrc is { } isrc)
        {
            var byIsrc = await spotify.SearchByIsrcAsync(call, isrc, cancellationToken);
            if (!byIsrc.IsOk)
            {
                return byIsrc.Outcome!;
            }

            Add(candidates, byIsrc.Value!);
        }

        var byText = await spotify.SearchAsync(call, song.Title, song.ArtistList is [var first, ..] ? first : "", SearchLimit, cancellationToken);
        if (!byText.IsOk)
        {
            return byText.Outcome!;
        }

        Add(candidates, byText.Value!);
        var change = Decide(song, current, candidates.Values.ToList(), context.Job.Id);
        await context.Store.ApplyLinkChangeAsync(change, cancellationToken);
        return JobOutcome.Success(change.Reason);
    }

    /// <summary>The matcher's decision for a song and its current track, as a link change whose reason is the case.</summary>
    internal LinkChange Decide(SongLink song, SpotifyTrack? current, IReadOnlyList<SpotifyTrack> candidates, long jobId)
    {
        var facts = song.Facts;
        var decision = matcher.Decide(facts, candidates);
        var evidence = Evidence(decision);
        LinkChange Review(string reason) => new(song.SongId, song.SpotifyTrackId, current?.DurationMs ?? song.TrackDurationMs, "review", reason, "matcher")
        {
            Score = decision.Best?.Score, Breakdown = evidence.Breakdown, Candidates = evidence.Candidates, MatcherVersion = decision.MatcherVersion, JobId = jobId,
        };

        // The linked track carries the song's ISRC and only the durations disagree: the canonical duration is the suspect.
        if (current is not null && facts.Isrc is not null && string.Equals(current.Isrc, facts.Isrc, StringComparison.OrdinalIgnoreCase))
        {
            return Review(RematchCase.CanonicalSuspect);
        }

        switch (decision.Verdict)
        {
            case MatchVerdict.Accepted when decision.Best is { } best:
                if (current is not null && (best.Track.Id == current.Id || matcher.SameRecording(best.Track, current)))
                {
                    return Review(RematchCase.Kept);
                }

                return new LinkChange(song.SongId, best.Track.Id, best.Track.DurationMs, "linked", RematchCase.Relinked, "matcher")
                {
                    Score = best.Score, Breakdown = evidence.Breakdown, Candidates = evidence.Candidates, MatcherVersion = decision.MatcherVersion, JobId = jobId,
                };
            case MatchVerdict.Ambiguous:
                return Review(RematchCase.Ambiguous);
            case MatchVerdict.NoCandidates:
                return Review(RematchCase.NoCandidates);
            default:
                return Review(RematchCase.BelowFloor);
        }
    }

    private static (string? Breakdown, string Candidates) Evidence(MatchDecision decision) => (
        decision.Best is { } best ? JsonSerializer.Serialize(best.Breakdown, EvidenceJson.Options) : null,
        JsonSerializer.Serialize(decision.Candidates.Take(10).Select(c => new
        {
            spotify_track_id = c.Track.Id, name = c.Track.Name, artists = c.Track.Artists.Select(a => a.Name), album = c.Track.Album?.Name,
            isrc = c.Track.Isrc, duration_ms = c.Track.DurationMs, score = Math.Round(c.Score, 4), breakdown = c.Breakdown,
        }), EvidenceJson.Options));

    private static void Add(Dictionary<string, SpotifyTrack> candidates, IReadOnlyList<SpotifyTrack> found)
    {
        foreach (var track in found)
        {
            candidates.TryAdd(track.Id, track);
        }
    }
}
