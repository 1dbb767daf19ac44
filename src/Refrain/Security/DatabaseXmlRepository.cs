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
        Blocking(() => store.GetProtectionKeysAsync(CancellationToken.None)).Select(x => XElement.Parse(x)).ToList().AsReadOnly();

    public void StoreElement(XElement element, string friendlyName)
    {
        var name = string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        Blocking(() => store.AddProtectionKeyAsync(name, element.ToString(SaveOptions.DisableFormatting), CancellationToken.None));
    }

    /// <summary>
    /// Data Protection's repository contract is synchronous; the store is not. The key ring is read rarely (then cached), so
    /// blocking a pool thread on it is cheap; Task.Run keeps any caller's synchronization context out of the wait.
    /// </summary>
    private static T Blocking<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();
}
