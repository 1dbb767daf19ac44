using Microsoft.Extensions.Logging;

namespace Refrain.Billing;

/// <summary>Payment gate log messages (event ids 34xx). The secret key, webhook secret and signatures are never logged.</summary>
internal static partial class BillingLog
{
    [LoggerMessage(3401, LogLevel.Information, "Stripe customer {CustomerId} created for account {AccountId}")]
    public static partial void CustomerCreated(ILogger logger, long accountId, string customerId);

    [LoggerMessage(3402, LogLevel.Information, "Stripe lists a card for account {AccountId}: card on file")]
    public static partial void CardFound(ILogger logger, long accountId);

    [LoggerMessage(3403, LogLevel.Information, "Checkout session {SessionId} made for account {AccountId} (mode {Mode})")]
    public static partial void CheckoutCreated(ILogger logger, long accountId, string sessionId, string mode);

    [LoggerMessage(3404, LogLevel.Warning, "Stripe request {Endpoint} failed: {Error}")]
    public static partial void RequestFailed(ILogger logger, string endpoint, string error);
}
