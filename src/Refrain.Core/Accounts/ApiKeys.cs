using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Refrain.Accounts;

/// <summary>
/// API keys look like <c>rfn_&lt;id&gt;_&lt;secret&gt;</c>: the id finds the row, the secret (256 random bits, base64url) is
/// checked against its stored SHA-256 in fixed time. The key itself is never stored and is shown once.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "rfn_";

    /// <summary>A new secret: 32 random bytes, base64url without padding (43 characters).</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Format(long id, string secret) => $"{Prefix}{id.ToString(CultureInfo.InvariantCulture)}_{secret}";

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Splits a presented key into its id and secret; false for anything not shaped like a key.</summary>
    public static bool TryParse(string? key, out long id, out string secret)
    {
        id = 0;
        secret = "";
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length > 200)
        {
            return false;
        }

        var rest = key.AsSpan(Prefix.Length);
        var underscore = rest.IndexOf('_');
        if (underscore <= 0 || underscore == rest.Length - 1
            || !long.TryParse(rest[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out id) || id <= 0)
        {
            return false;
        }

        secret = rest[(underscore + 1)..].ToString();
        return true;
    }

    /// <summary>Compares the presented secret's hash with the stored one in time independent of where they differ.</summary>
    public static bool Matches(string secret, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
