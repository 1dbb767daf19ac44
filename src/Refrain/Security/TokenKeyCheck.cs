using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using Refrain.Storage;

namespace Refrain.Security;

/// <summary>
/// The start-up check of <c>serve</c>: a configured <c>Security:TokenKey</c> that cannot read any key of the key ring already
/// in the database is a wrong key (a node started with it would store tokens no other node can read, and read none).
/// </summary>
public static class TokenKeyCheck
{
    /// <summary>Why the configured key cannot be used with this database, or null when it can (or no key is stored yet).</summary>
    public static async Task<string?> ProblemAsync(IConfiguration configuration, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (TokenKey.Problem(configuration) is { } problem)
        {
            return problem;
        }

        var keys = await services.GetRequiredService<RefrainStore>().GetProtectionKeysAsync(cancellationToken);
        var sealedKeys = keys.SelectMany(Sealed).ToList();
        if (sealedKeys.Count == 0)
        {
            return null;
        }

        var decryptor = new TokenKeyXmlDecryptor(services);
        foreach (var key in sealedKeys)
        {
            try
            {
                decryptor.Decrypt(key);
                return null;
            }
            catch (Exception ex) when (ex is CryptographicException or XmlException)
            {
                // Try the next key: one readable key means this is the database's key.
            }
        }

        return $"{TokenKey.Setting} does not match the key ring in this database (none of its {sealedKeys.Count} keys opens with it): "
            + "set the key this database was first used with; tokens stored under another key cannot be read";
    }

    private static IEnumerable<XElement> Sealed(string xml)
    {
        try
        {
            return XElement.Parse(xml).Descendants().Where(e => e.Name.LocalName == "encryptedKey").ToList();
        }
        catch (XmlException)
        {
            return [];
        }
    }
}
