namespace Refrain.Notifications;

/// <summary>
/// Runs <see cref="NotificationChecker.CheckAsync"/> every <see cref="NotificationOptions.CheckInterval"/> on a node that runs
/// the engine. A failed check is logged and the next one tries again; every node may run it (events are keyed).
/// </summary>
internal sealed class NotificationLoop(NotificationChecker checker, NotificationOptions options, TimeProvider time, ILogger<NotificationLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await checker.CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                NotificationsLog.CheckFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.CheckInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
