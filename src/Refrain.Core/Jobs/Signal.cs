namespace Refrain.Jobs;

/// <summary>A wake-up for background loops: waits for <see cref="Set"/> or a timeout measured by the injected clock.</summary>
internal sealed class Signal
{
    private TaskCompletionSource _tcs = NewSource();

    public void Set() => _tcs.TrySetResult();

    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var current = _tcs;
        using (var timer = time.CreateTimer(_ => current.TrySetResult(), null, timeout, Timeout.InfiniteTimeSpan))
        using (cancellationToken.Register(() => current.TrySetResult()))
        {
            await current.Task;
        }

        Interlocked.CompareExchange(ref _tcs, NewSource(), current);
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
