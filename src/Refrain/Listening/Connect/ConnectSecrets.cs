using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Refrain.Listening.Connect;

/// <summary>
/// The secrets of a connection: the link token and the OAuth <c>state</c>, each the link's nonce sealed by Data Protection
/// under its own purpose (so one cannot stand in for the other, and neither can be forged), and the PKCE verifier and its
/// S256 challenge (RFC 7636).
/// </summary>
internal sealed class ConnectSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _links = provider.CreateProtector("Refrain.ConnectLink.v1");
    private readonly IDataProtector _states = provider.CreateProtector("Refrain.ConnectState.v1");

    /// <summary>A fresh nonce naming one connect link: 256 random bits.</summary>
    public static string NewNonce() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>A PKCE verifier: 64 random bytes in base64url, 86 characters (RFC 7636 allows 43 to 128).</summary>
    public static string NewVerifier() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(64));

    /// <summary>BASE64URL(SHA256(ASCII(verifier))) without padding (RFC 7636 §4.2).</summary>
    public static string Challenge(string verifier) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public string LinkToken(string nonce) => Seal(_links, nonce);

    public string State(string nonce) => Seal(_states, nonce);

    /// <summary>The nonce of a link token, or null when it was not made here (tampered, truncated, another key ring).</summary>
    public string? LinkNonce(string? token) => Open(_links, token);

    /// <summary>The nonce a <c>state</c> names, or null when it was not made here.</summary>
    public string? StateNonce(string? state) => Open(_states, state);

    private static string Seal(IDataProtector protector, string nonce) => WebEncoders.Base64UrlEncode(protector.Protect(Encoding.UTF8.GetBytes(nonce)));

    private static string? Open(IDataProtector protector, string? sealedText)
    {
        if (string.IsNullOrEmpty(sealedText) || sealedText.Length > 1024)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(protector.Unprotect(WebEncoders.Base64UrlDecode(sealedText)));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
