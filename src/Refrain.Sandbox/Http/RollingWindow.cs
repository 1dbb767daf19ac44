namespace Refrain.Sandbox;

/// <summary>A sliding-log limit: at most N requests in any rolling window.</summary>
internal sealed class RollingWindow
{
    private readonly Queue<DateTimeOffset> _granted = new();
    private readonly Lock _lock = new();

    /// <summary>Grants a request at <paramref name="now"/>, or says when the oldest one leaves the window. A limit of 0 grants all.</summary>
    public bool TryAcquire(DateTimeOffset now, int limit, TimeSpan window, out DateTimeOffset retryAt)
    {
        lock (_lock)
        {
            while (_granted.Count > 0 && _granted.Peek() <= now - window)
            {
                _granted.Dequeue();
            }

            if (limit > 0 && _granted.Count >= limit)
            {
                retryAt = _granted.ElementAt(_granted.Count - limit) + window;
                return false;
            }

            _granted.Enqueue(now);
            retryAt = now;
            return true;
        }
    }
}
