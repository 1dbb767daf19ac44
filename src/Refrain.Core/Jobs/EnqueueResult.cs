namespace Refrain.Jobs;

/// <summary>The answer to one enqueue: the new job's id, or the active job that already holds the key.</summary>
public sealed record EnqueueResult(long JobId, bool Inserted)
{
    public bool AlreadyQueued => !Inserted;
}
