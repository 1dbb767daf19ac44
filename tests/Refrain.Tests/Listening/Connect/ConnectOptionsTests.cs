using Microsoft.Extensions.Options;
using Refrain.Listening.Connect;

namespace Refrain.Tests.Listening.Connect;

/// <summary>The connect settings: every bad one named at start-up, and the public base URL links are built on.</summary>
public sealed class ConnectOptionsTests : ConnectTestBase
{
    protected override Dictionary<string, string?> Settings => new(base.Settings) { ["Api:PublicBaseUrl"] = "https://refrain.example.com/base/" };

    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);

    [Fact]
    public async Task Link_IsBuiltOnApiPublicBaseUrl()
    {
        var link = await LinkAsync(Alpha, await CreateListenerAsync(Alpha));

        Assert.StartsWith("https://refrain.example.com/base/connect/spotify/start?link=", link.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_NamesEveryBadSetting()
    {
        var options = new SpotifyConnectOptions
        {
            RedirectUri = new Uri("ftp://127.0.0.1/callback"),
            ConnectLinkLifetime = TimeSpan.Zero,
            ConnectStateLifetime = TimeSpan.FromMinutes(-1),
            PublicBaseUrl = new Uri("file:///tmp"),
        };

        var result = new SpotifyConnectOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            ["Providers:Spotify:RedirectUri", "Providers:Spotify:ConnectLinkLifetime", "Providers:Spotify:ConnectStateLifetime", "Api:PublicBaseUrl"],
            result.Failures!.Select(f => f.Split(' ')[0]));
        Assert.Equal(ValidateOptionsResult.Success, new SpotifyConnectOptionsValidator().Validate(null, new SpotifyConnectOptions()));
    }
}
