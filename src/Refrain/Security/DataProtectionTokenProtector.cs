using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Refrain.Listening;

namespace Refrain.Security;

/// <summary>
/// <see cref="ITokenProtector"/> over ASP.NET Core Data Protection: authenticated encryption under the key ring that
/// <see cref="DatabaseXmlRepository"/> shares between nodes, with a purpose of its own so no other payload reads as a token.
/// </summary>
internal sealed class DataProtectionTokenProtector(IDataProtectionProvider provider, TokenKey key) : ITokenProtector
{
    public const string Purpose = "Refrain.ListenerTokens.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public byte[] Protect(string token)
    {
        // Deriving a key first turns a missing Security:TokenKey into its own clear error rather than one from the key ring.
        _ = key.Derive(Purpose);
        return _protector.Protect(Encoding.UTF8.GetBytes(token));
    }

    public string Unprotect(byte[] protectedToken)
    {
        _ = key.Derive(Purpose);
        return Encoding.UTF8.GetString(_protector.Unprotect(protectedToken));
    }
}
