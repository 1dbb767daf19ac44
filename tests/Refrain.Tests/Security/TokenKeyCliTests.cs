using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Refrain.Security;
using Refrain.Tests.Cli;

namespace Refrain.Tests.Security;

/// <summary><c>Security:TokenKey</c> from the command line: <c>serve</c> needs it, commands that touch no token do not.</summary>
public sealed class TokenKeyCliTests
{
    [Fact]
    public async Task Serve_WithoutATokenKey_ExitsTwoSayingHowToMakeOne()
    {
        using var refrain = new RefrainProcess();
        refrain.Variables["Security__TokenKey"] = null;

        var serve = await refrain.RunAsync("serve", "--urls", "http://127.0.0.1:0");

        Assert.True(serve.ExitCode == 2, serve.ToString());
        Assert.Contains("error: Security:TokenKey is required", serve.Stderr, StringComparison.Ordinal);
        Assert.Contains("head -c 32 /dev/urandom | base64", serve.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithAShortTokenKey_ExitsTwo()
    {
        using var refrain = new RefrainProcess();
        refrain.Variables["Security__TokenKey"] = "short";

        var serve = await refrain.RunAsync("serve", "--urls", "http://127.0.0.1:0");

        Assert.True(serve.ExitCode == 2, serve.ToString());
        Assert.Contains("Security:TokenKey must be at least 32 characters", serve.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithAKeyThatDoesNotOpenTheDatabasesKeyRing_ExitsTwo()
    {
        using var refrain = new RefrainProcess();
        Assert.True((await refrain.RunAsync("migrate")).ExitCode == 0);
        await using (var store = Refrain.Storage.StoreFactory.Create(refrain.ConnectionString, TimeProvider.System))
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Security:TokenKey"] = TestTokenKeys.Default }).Build();
            await using var services = new ServiceCollection().AddLogging().AddSingleton(store).AddTokenProtection(configuration).BuildServiceProvider();
            services.GetRequiredService<Refrain.Listening.ITokenProtector>().Protect("a token");
        }

        refrain.Variables["Security__TokenKey"] = TestTokenKeys.Other;

        var serve = await refrain.RunAsync("serve", "--urls", "http://127.0.0.1:0");

        Assert.True(serve.ExitCode == 2, serve.ToString());
        Assert.Contains("error: Security:TokenKey does not match the key ring in this database", serve.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandsThatTouchNoToken_RunWithoutATokenKey()
    {
        using var refrain = new RefrainProcess();
        refrain.Variables["Security__TokenKey"] = null;

        var created = await refrain.RunAsync("listeners", "create", "Alice");
        var list = await refrain.RunAsync("listeners", "list");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("Alice", list.Stdout, StringComparison.Ordinal);
    }
}
