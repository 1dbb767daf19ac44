using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Refrain.Security;

/// <summary>
/// The secret from configuration <c>Security:TokenKey</c> and the keys derived from it (HKDF-SHA256, one per purpose). Read on
/// first use, not at registration, so commands that never touch tokens run without it; <c>serve</c> checks it up front.
/// </summary>
public sealed class TokenKey(IConfiguration configuration)
{
    public const string Setting = "Security:TokenKey";

    /// <summary>The shortest secret accepted: 32 characters (base64 of 24 random bytes or more).</summary>
    public const int MinLength = 32;

    private readonly Lazy<byte[]> _secret = new(() => Read(configuration));

    /// <summary>Why the configured secret cannot be used (it names the setting and how to make one), or null when it can.</summary>
    public static string? Problem(IConfiguration configuration)
    {
        var value = configuration[Setting]?.Trim();
        return string.IsNullOrEmpty(value) ? $"{Setting} is required: {Why}; {HowToMake}"
            : value.Length < MinLength ? $"{Setting} must be at least {MinLength} characters; {HowToMake}"
            : null;
    }

    /// <summary>A 256-bit key for <paramref name="purpose"/>: a different purpose gives an unrelated key.</summary>
    public byte[] Derive(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _secret.Value, 32, salt: [], info: Encoding.UTF8.GetBytes(purpose));

    private const string Why = "a secret of at least 32 characters that protects the stored Spotify tokens (set it in configuration or the environment variable Security__TokenKey)";

    private const string HowToMake = "make one with: head -c 32 /dev/urandom | base64";

    private static byte[] Read(IConfiguration configuration) =>
        Problem(configuration) is { } problem
            ? throw new OptionsValidationException(Setting, typeof(TokenKey), [problem])
            : Encoding.UTF8.GetBytes(configuration[Setting]!.Trim());
}
