using Refrain.Tests.Http;

namespace Refrain.Tests.Listening.Connect;

/// <summary>A server without the Spotify app's credentials hands out no connect link that could not work.</summary>
public sealed class ConnectNotConfiguredTests : ApiTestBase
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);

    [Fact]
    public async Task ConnectLink_WithoutClientCredentials_Is503NamingTheSettings()
    {
        var created = await ReadJsonAsync(await Alpha.PostAsync("/api/listeners", Json("""{"display_name": "Alice"}""")));

        var problem = await AssertProblemAsync(await Alpha.PostAsync($"/api/listeners/{created.GetProperty("id").GetInt64()}/connect-link", null), 503);

        Assert.Contains("Providers:Spotify:ClientId", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Store.ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT COUNT(*) FROM connect_links"), CancellationToken.None));
    }
}
