using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Refrain.Security;

/// <summary>
/// Reads a key that <see cref="TokenKeyXmlEncryptor"/> wrote. Data Protection builds it by type name from the stored XML with
/// the application's services, hence the constructor. A different <c>Security:TokenKey</c> fails the GCM tag check: a
/// <see cref="CryptographicException"/>.
/// </summary>
internal sealed class TokenKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var value = encryptedElement.Element("value")?.Value ?? throw new CryptographicException("the stored key has no value element");
        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(value);
        }
        catch (FormatException ex)
        {
            throw new CryptographicException("the stored key is not base64", ex);
        }

        const int overhead = TokenKeyXmlEncryptor.NonceSize + TokenKeyXmlEncryptor.TagSize;
        if (sealedBytes.Length <= overhead)
        {
            throw new CryptographicException("the stored key is too short");
        }

        var length = sealedBytes.Length - overhead;
        var plain = new byte[length];
        var secret = services.GetRequiredService<TokenKey>().Derive(TokenKeyXmlEncryptor.Purpose);
        try
        {
            using var aes = new AesGcm(secret, TokenKeyXmlEncryptor.TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, TokenKeyXmlEncryptor.NonceSize), sealedBytes.AsSpan(TokenKeyXmlEncryptor.NonceSize, length),
                sealedBytes.AsSpan(TokenKeyXmlEncryptor.NonceSize + length), plain);
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
