using Dapper;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>The delivery's job: <c>refrain/deliver_notification</c> with subject <c>notification_id:channel</c>.</summary>
    private const string DeliverySubject = "CAST(notification_deliveries.notification_id AS TEXT) || ':' || notification_deliveries.channel";

    private const string EndedDeliveryJob =
        $"j.source = 'refrain' AND j.job_type = 'deliver_notification' AND j.state IN ('dead', 'failed', 'cancelled') AND j.subject = {DeliverySubject}";

    /// <summary>
    /// Marks <c>failed</c> the deliveries still <c>pending</c> whose job ended without recording an outcome (its last attempt
    /// timed out, its worker died and the reclaim found it out of attempts, or an admin cancelled it), with the job's attempts
    /// and last error. A retried job is pending again (the same row), so its delivery stays pending. Returns how many.
    /// </summary>
    public Task<int> FailStrandedDeliveriesAsync(CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Command($"""
            UPDATE notification_deliveries SET
                state = 'failed',
                attempts = (SELECT MAX(j.attempts) FROM jobs j WHERE {EndedDeliveryJob}),
                last_error = COALESCE((SELECT j.last_error FROM jobs j WHERE {EndedDeliveryJob} ORDER BY j.id DESC LIMIT 1),
                                      'the delivery job ended without an outcome'),
                updated_at = @now
            WHERE state = 'pending'
              AND EXISTS (SELECT 1 FROM jobs j WHERE {EndedDeliveryJob})
            """, new { now = NowMs }, tx, cancellationToken)), cancellationToken);
}
