namespace Refrain.Billing;

/// <summary>Billing webhook log messages (event ids 54xx). Signatures, secrets and payloads are never logged.</summary>
internal static partial class BillingWebhookLog
{
    [LoggerMessage(5401, LogLevel.Warning, "Billing webhook refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(5402, LogLevel.Information, "Billing webhook event {EventId} ({Type}) for account {AccountId}: {Result}")]
    public static partial void Applied(ILogger logger, string eventId, string type, long? accountId, string result);
}
