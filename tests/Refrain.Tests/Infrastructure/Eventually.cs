namespace Refrain.Tests.Infrastructure;

/// <summary>Waits for a condition with a bound: polls it, and fails with a message when the bound passes.</summary>
public static class Eventually
{
    public static Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? bound = null) =>
        WaitAsync(condition, what, bound, TimeSpan.FromMilliseconds(20));

    /// <summary>Polls every <paramref name="interval"/>: for conditions read through a rate-limited API.</summary>
    public static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? bound, TimeSpan interval)
    {
        var deadline = DateTimeOffset.UtcNow + (bound ?? TimeSpan.FromSeconds(30)); // real clock: the bound of a test, not engine time
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(interval);
        }
    }
}
