using Refrain.Providers;
using Refrain.Providers.Spotify;
using Refrain.Storage;

namespace Refrain.Rematch;

/// <summary>
/// A reviewer's decision on a song's link, shared by <c>refrain review decide</c> and
/// <c>POST /api/reviews/duration-mismatches/{song_id}</c>: accept a Spotify track (fetched and stored first), keep the current
/// link, say Spotify has no equivalent, or unlink. The decision is recorded as the reviewer's, so no automatic job
/// overwrites it. A refused decision changes nothing.
/// </summary>
/// <param name="spotify">Resolved only when a track is accepted: the other decisions work without Spotify settings.</param>
public sealed class ReviewDecisions(RefrainStore store, Func<SpotifyClient> spotify, ProviderGate gate, TimeProvider time)
{
    /// <summary>What the reviewer decided.</summary>
    public enum Choice
    {
        /// <summary>Link the given Spotify track.</summary>
        Accept,

        /// <summary>Keep the current link.</summary>
        Keep,

        /// <summary>Spotify has no equivalent of the song.</summary>
        NoEquivalent,

        /// <summary>Remove the link.</summary>
        Unlink,
    }

    /// <summary>Why a decision was refused.</summary>
    public enum Refusal
    {
        /// <summary>No such song (or, with an account, another account's).</summary>
        UnknownSong,

        /// <summary>The accepted id is not 22 base-62 characters.</summary>
        InvalidTrackId,

        /// <summary>Keep, but the song has no link.</summary>
        NothingToKeep,

        /// <summary>Spotify did not give the accepted track; <see cref="Result.ProviderError"/> says why.</summary>
        TrackUnavailable,
    }

    /// <summary>The change applied, or the refusal (and, for <see cref="Refusal.TrackUnavailable"/>, Spotify's answer).</summary>
    public sealed record Result(LinkChange? Applied, Refusal? Refused, ProviderException? ProviderError = null);

    /// <summary>
    /// Decides song <paramref name="songId"/>; <paramref name="accountId"/> (null: any account) scopes which songs exist.
    /// <paramref name="trackId"/> is the track to accept and is read only for <see cref="Choice.Accept"/>.
    /// </summary>
    public async Task<Result> DecideAsync(long songId, long? accountId, Choice choice, string? trackId, CancellationToken cancellationToken)
    {
        var current = await store.GetSongLinkAsync(songId, accountId, cancellationToken);
        if (current is null)
        {
            return new Result(null, Refusal.UnknownSong);
        }

        LinkChange change;
        switch (choice)
        {
            case Choice.Accept:
                if (!SpotifyClient.IsTrackId(trackId))
                {
                    return new Result(null, Refusal.InvalidTrackId);
                }

                var call = ProviderCall.Direct(gate, store, time, SpotifyClient.Provider);
                SpotifyTrack track;
                try
                {
                    // A reviewer vouches for this exact track: read it from Spotify now rather than trust a cached copy.
                    track = (await spotify().GetTrackAsync(call, trackId!, bypassCache: true, cancellationToken)).Value!;
                }
                catch (ProviderException ex)
                {
                    return new Result(null, Refusal.TrackUnavailable, ex);
                }

                change = new LinkChange(songId, track.Id, track.DurationMs, "linked", "reviewer accepted", "reviewer");
                break;
            case Choice.Keep:
                if (current.SpotifyTrackId is null)
                {
                    return new Result(null, Refusal.NothingToKeep);
                }

                change = new LinkChange(songId, current.SpotifyTrackId, current.TrackDurationMs, "linked", "reviewer kept", "reviewer");
                break;
            case Choice.NoEquivalent:
                change = new LinkChange(songId, null, null, "no_equivalent", "reviewer: no equivalent", "reviewer");
                break;
            default:
                change = new LinkChange(songId, null, null, "unlinked", "reviewer unlinked", "reviewer");
                break;
        }

        await store.ApplyLinkChangeAsync(change, cancellationToken);
        return new Result(change, null);
    }
}
