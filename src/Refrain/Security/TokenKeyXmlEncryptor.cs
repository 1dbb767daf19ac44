using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Refrain.Security;

/// <summary>
/// Encrypts each key of the Data Protection key ring before it reaches the database: AES-GCM under a key derived from
/// <c>Security:TokenKey</c>, so a copy of the database alone reads no token.
/// </summary>
internal sealed class TokenKeyXmlEncryptor(TokenKey key) : IXmlEncryptor
{
    public const string Purpose = "Refrain.KeyRing.v1";
    public const int NonceSize = 12;
    public const int TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var secret = key.Derive(Purpose);
        try
        {
            using var aes = new AesGcm(secret, TagSize);
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
            CryptographicOperations.ZeroMemory(secret);
        }

        var element = new XElement("encryptedKey",
            new XComment(" AES-GCM under a key derived from Security:TokenKey: nonce, ciphertext, tag "),
            new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(TokenKeyXmlDecryptor));
    }
}
