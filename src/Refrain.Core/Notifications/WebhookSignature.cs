using System.Security.Cryptography;
using System.Text;

namespace Refrain.Notifications;

/// <summary>
/// The webhook channel's signature: <c>X-Refrain-Signature: sha256=&lt;hex&gt;</c>, the lower-case hex HMAC-SHA256 of the
/// raw request body keyed with the channel's secret. The body carries its own <c>occurred_at</c>, so it is signed too.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Refrain-Signature";
    public const string TimestampHeader = "X-Refrain-Timestamp";

    public static string Compute(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
