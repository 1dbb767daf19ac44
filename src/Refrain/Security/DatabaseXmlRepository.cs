using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Refrain.Storage;

namespace Refrain.Security;

/// <summary>
/// The Data Protection key ring in the database (table <c>protection_keys</c>), so every node and every CLI invocation on one
/// database reads the same keys. Keys arrive here already encrypted by <see cref="TokenKeyXmlEncryptor"/>.
/// </summary>
internal sealed class DatabaseXmlRepository(RefrainStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        store.GetProtectionKeys().Select(x => XElement.Parse(x)).ToList().AsReadOnly();

    public void StoreElement(XElement element, string friendlyName)
    {
        var name = string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        store.AddProtectionKey(name, element.ToString(SaveOptions.DisableFormatting));
    }
}
