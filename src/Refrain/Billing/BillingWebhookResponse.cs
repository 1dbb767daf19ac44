namespace Refrain.Billing;

/// <summary>
/// The webhook's 200: <c>card_on_file</c> (the account is now allowed), <c>recorded</c> (another event type, or no account
/// found) or <c>duplicate</c> (a redelivery; nothing changed).
/// </summary>
public sealed record BillingWebhookResponse(string EventId, string Result);
