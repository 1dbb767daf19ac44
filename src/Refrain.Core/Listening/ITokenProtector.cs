namespace Refrain.Listening;

/// <summary>
/// Encrypts listeners' Spotify tokens before they are stored and decrypts them when a job needs one (DESIGN §2: Core defines
/// it, <c>src/Refrain</c> implements it with ASP.NET Core Data Protection). A token is never stored or logged in the clear.
/// </summary>
public interface ITokenProtector
{
    /// <summary>The ciphertext of <paramref name="token"/>, to store.</summary>
    byte[] Protect(string token);

    /// <summary>
    /// The token back; throws <see cref="System.Security.Cryptography.CryptographicException"/> when it cannot be read (the key
    /// ring or <c>Security:TokenKey</c> changed, or the bytes were tampered with).
    /// </summary>
    string Unprotect(byte[] protectedToken);
}
