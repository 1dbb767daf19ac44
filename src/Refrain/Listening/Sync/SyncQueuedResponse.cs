namespace Refrain.Listening.Sync;

/// <summary>
/// A sync asked for by hand: the job that syncs the listener (<c>/api/jobs/{job_id}</c>), and whether it was already queued
/// (a listener has at most one sync pending or running, so asking again returns that one).
/// </summary>
public sealed record SyncQueuedResponse(long ListenerId, long JobId, bool AlreadyQueued);
