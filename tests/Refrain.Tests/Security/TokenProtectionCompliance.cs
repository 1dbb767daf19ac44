using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refrain.Listening;
using Refrain.Security;
using Refrain.Storage;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Security;

/// <summary>
/// Listener tokens encrypted with Data Protection, its key ring in the database and itself encrypted under
/// <c>Security:TokenKey</c>: on both databases, with separate service providers standing in for separate nodes.
/// </summary>
public abstract class TokenProtectionCompliance : StoreTestBase, IDisposable
{
    private const string Token = "BQDw-access-token-that-must-never-be-stored-in-the-clear";
    private readonly List<ServiceProvider> _providers = [];

    /// <summary>One app instance's token protection over <paramref name="store"/> with <paramref name="key"/> (null: none configured).</summary>
    private ITokenProtector Node(RefrainStore store, string? key) => Services(store, key).Services.GetRequiredService<ITokenProtector>();

    private (IConfiguration Configuration, ServiceProvider Services) Services(RefrainStore store, string? key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Security:TokenKey"] = key }).Build();
        var provider = new ServiceCollection().AddLogging().AddSingleton(store).AddTokenProtection(configuration).BuildServiceProvider();
        _providers.Add(provider);
        return (configuration, provider);
    }

    [StoreFact]
    public async Task StartupCheck_RefusesAKeyThatOpensNoStoredKey_AndAcceptsTheRightOneOrAnEmptyRing()
    {
        var (right, rightServices) = Services(Store, TestTokenKeys.Default);
        Assert.Null(await TokenKeyCheck.ProblemAsync(right, rightServices, CancellationToken.None)); // nothing stored yet
        rightServices.GetRequiredService<ITokenProtector>().Protect(Token);
        var (wrong, wrongServices) = Services(await OpenStoreAsync(), TestTokenKeys.Other);
        var (none, noneServices) = Services(Store, null);

        Assert.Null(await TokenKeyCheck.ProblemAsync(right, rightServices, CancellationToken.None));
        Assert.StartsWith("Security:TokenKey does not match the key ring in this database",
            await TokenKeyCheck.ProblemAsync(wrong, wrongServices, CancellationToken.None), StringComparison.Ordinal);
        Assert.StartsWith("Security:TokenKey is required", await TokenKeyCheck.ProblemAsync(none, noneServices, CancellationToken.None), StringComparison.Ordinal);
    }

    [StoreFact]
    public void Protect_ThenUnprotect_RoundTripsWithoutThePlaintextInTheCiphertext()
    {
        var protector = Node(Store, TestTokenKeys.Default);

        var cipher = protector.Protect(Token);

        Assert.Equal(Token, protector.Unprotect(cipher));
        Assert.DoesNotContain("access-token", Encoding.UTF8.GetString(cipher), StringComparison.Ordinal);
        Assert.NotEqual(cipher, protector.Protect(Token)); // a fresh IV each time
    }

    [StoreFact]
    public async Task KeyRing_IsSharedByTwoInstancesOnOneDatabase()
    {
        var first = Node(Store, TestTokenKeys.Default);
        var cipher = first.Protect(Token);

        var second = Node(await OpenStoreAsync(), TestTokenKeys.Default);

        Assert.Equal(Token, second.Unprotect(cipher));
        Assert.Equal(1, await Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM protection_keys"), CancellationToken.None));
    }

    [StoreFact]
    public async Task KeyRing_InTheDatabase_IsEncrypted()
    {
        Node(Store, TestTokenKeys.Default).Protect(Token);

        var xml = Assert.Single(await Store.ReadAsync(c => c.QueryAsync<string>("SELECT xml FROM protection_keys"), CancellationToken.None));

        // Data Protection's own unencrypted form carries the key material in <masterKey><value>; ours has none of it.
        Assert.Contains("<encryptedKey", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);
        Assert.Contains(typeof(TokenKeyXmlDecryptor).FullName!, xml, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Unprotect_UnderAnotherTokenKey_ThrowsCryptographicException()
    {
        var cipher = Node(Store, TestTokenKeys.Default).Protect(Token);

        var stranger = Node(await OpenStoreAsync(), TestTokenKeys.Other);

        Assert.ThrowsAny<CryptographicException>(() => stranger.Unprotect(cipher));
    }

    [StoreFact]
    public void Protect_WithoutATokenKey_NamesTheSettingAndHowToMakeOne()
    {
        var protector = Node(Store, null);

        var error = Assert.Throws<OptionsValidationException>(() => protector.Protect(Token));

        Assert.Contains("Security:TokenKey is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("head -c 32 /dev/urandom | base64", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least 32 characters", Assert.Throws<OptionsValidationException>(() => Node(Store, "too-short").Protect(Token)).Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteTokenProtectionTests : TokenProtectionCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresTokenProtectionTests : TokenProtectionCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
