using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Refrain.Listening;
using Refrain.Storage;

namespace Refrain.Security;

/// <summary>Registers token protection: Data Protection with its key ring in the database, encrypted under <c>Security:TokenKey</c>.</summary>
public static class TokenProtectionServices
{
    /// <summary>
    /// The application name Data Protection isolates payloads by. Fixed, because the default (the content root) would make
    /// <c>serve</c> and a CLI command started in another directory unable to read each other's tokens.
    /// </summary>
    public const string ApplicationName = "Refrain";

    /// <summary>
    /// Adds <see cref="ITokenProtector"/> and the <see cref="TokenKey"/>. Needs the engine's <see cref="RefrainStore"/>. A missing
    /// key is an error only when a token is protected or read (see <see cref="TokenKey.Problem"/> for the up-front check).
    /// </summary>
    public static IServiceCollection AddTokenProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(new TokenKey(configuration));
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<RefrainStore>());
            o.XmlEncryptor = new TokenKeyXmlEncryptor(sp.GetRequiredService<TokenKey>());
        });
        services.TryAddSingleton<ITokenProtector, DataProtectionTokenProtector>();
        return services;
    }
}
