using System.Globalization;
using System.Text.Json;

namespace Refrain.Billing;

/// <summary>Reads a verified Stripe event body into a <see cref="BillingEvent"/>.</summary>
public static class StripeEvents
{
    /// <summary>The event types that mean a card is now on file (DESIGN §6).</summary>
    public static readonly IReadOnlySet<string> CardOnFileTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "checkout.session.completed",
        "setup_intent.succeeded",
    };

    /// <summary>
    /// The event's id, type and, from <c>data.object</c>, the account (<c>client_reference_id</c>, else
    /// <c>metadata.account_id</c>, both set by Refrain when it made the session) and the customer. Null when the body is
    /// not a Stripe event (no id or type).
    /// </summary>
    public static BillingEvent? Parse(ReadOnlySpan<byte> payload)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "id") is not { Length: > 0 } id || Text(root, "type") is not { Length: > 0 } type)
            {
                return null;
            }

            var target = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("object", out var o) && o.ValueKind == JsonValueKind.Object ? o : default;
            long? accountId = null;
            string? customer = null;
            if (target.ValueKind == JsonValueKind.Object)
            {
                accountId = AccountId(Text(target, "client_reference_id"))
                    ?? (target.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object ? AccountId(Text(metadata, "account_id")) : null);
                customer = Text(target, "customer")
                    ?? (target.TryGetProperty("customer", out var expanded) && expanded.ValueKind == JsonValueKind.Object ? Text(expanded, "id") : null);
            }

            return new BillingEvent(id, type, CardOnFileTypes.Contains(type), accountId, customer);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? AccountId(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}
