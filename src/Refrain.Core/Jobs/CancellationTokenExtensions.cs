namespace Refrain.Jobs;

internal static class CancellationTokenExtensions
{
    /// <summary>Completes when the token is cancelled, without throwing.</summary>
    public static Task WaitUntilCancelledAsync(this CancellationToken token)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => tcs.TrySetResult());
        return tcs.Task;
    }
}
