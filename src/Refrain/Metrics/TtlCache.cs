namespace Refrain.Metrics;

/// <summary>
/// One value taken by <paramref name="take"/> and served until it is <paramref name="ttl"/> old on the engine's clock; callers
/// that arrive while it is being taken share that one query. A failed take is retried by the next caller.
/// </summary>
internal sealed class TtlCache<T>(TimeSpan ttl, TimeProvider time, Func<Task<T>> take)
{
    private readonly Lock _lock = new();
    private Task<T>? _current;
    private DateTimeOffset _takenAt;

    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        Task<T> task;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_current is null || _current.IsFaulted || _current.IsCanceled || (_current.IsCompleted && now - _takenAt >= ttl))
            {
                _takenAt = now;
                _current = take();
            }

            task = _current;
        }

        // The shared query is not tied to one caller's token; a caller that gives up only stops waiting for it.
        return task.WaitAsync(cancellationToken);
    }
}
