using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Refrain.Billing;

/// <summary>
/// Stripe's webhook signature: <c>Stripe-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=...]</c> where each <c>v1</c> is
/// HMAC-SHA256 of <c>"{t}.{payload}"</c> (the exact bytes received) keyed with the endpoint secret. Several <c>v1</c> appear
/// while a secret is being rolled; any one matching is enough.
/// </summary>
public static class StripeSignature
{
    /// <summary>The header value Stripe would send for <paramref name="payload"/> at <paramref name="at"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> payload, string secret, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Convert.ToHexStringLower(Mac(t, payload, secret))}";
    }

    /// <summary>
    /// Null when <paramref name="header"/> signs <paramref name="payload"/> with <paramref name="secret"/> at a time within
    /// <paramref name="tolerance"/> of <paramref name="now"/>; otherwise why not (for the log and the 400; never a secret).
    /// </summary>
    public static string? Refusal(string? header, ReadOnlySpan<byte> payload, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return "no Stripe-Signature header";
        }

        string? t = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var (key, value) = (part[..eq], part[(eq + 1)..]);
            if (key == "t")
            {
                t = value;
            }
            else if (key == "v1" && value.Length == 64 && TryHex(value, out var bytes))
            {
                signatures.Add(bytes);
            }
        }

        if (t is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "the Stripe-Signature header has no timestamp";
        }

        if (signatures.Count == 0)
        {
            return "the Stripe-Signature header has no v1 signature";
        }

        var expected = Mac(t, payload, secret);
        var matched = false;
        foreach (var signature in signatures)
        {
            // Every candidate is compared, in fixed time, so the answer's timing says nothing about which bytes differ.
            matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
        }

        if (!matched)
        {
            return "the signature does not match the payload";
        }

        // Checked after the signature so a forged timestamp cannot be told apart from a stale genuine one.
        var age = now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        return age.Duration() > tolerance ? "the signature's timestamp is outside the tolerance" : null;
    }

    private static byte[] Mac(string t, ReadOnlySpan<byte> payload, string secret)
    {
        var prefix = Encoding.UTF8.GetBytes(t + ".");
        var signed = new byte[prefix.Length + payload.Length];
        prefix.CopyTo(signed, 0);
        payload.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }

    private static bool TryHex(string hex, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
