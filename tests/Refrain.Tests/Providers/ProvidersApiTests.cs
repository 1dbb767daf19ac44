using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Providers;

/// <summary>/api/providers: every key reads rates and pauses; only admin keys pause and resume.</summary>
public abstract class ProvidersApiCompliance : ApiTestBase
{
    protected override Dictionary<string, string?> Settings => new() { ["Providers:Spotify:RequestsPerWindow"] = "180" };

    [StoreFact]
    public async Task AdminPause_IsStoredAndListed_ThenResumeEndsIt()
    {
        var until = Time.GetUtcNow().AddHours(2);

        var paused = await ReadJsonAsync(await Admin.PostAsync("/api/providers/spotify/pause", Json($$"""{"until": "{{until:O}}"}""")));

        Assert.True(paused.GetProperty("paused").GetBoolean());
        Assert.Equal("manual", paused.GetProperty("reason").GetString());
        Assert.Equal(until, (await Store.GetProviderPauseAsync("spotify", CancellationToken.None))!.PausedUntil);
        var list = await ReadJsonAsync(await Alpha.GetAsync("/api/providers"));
        var spotify = list.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "spotify");
        Assert.Equal(180, spotify.GetProperty("requests_per_window").GetInt32());
        Assert.True(spotify.GetProperty("paused").GetBoolean());

        var resumed = await ReadJsonAsync(await Admin.PostAsync("/api/providers/spotify/resume", null));
        Assert.False(resumed.GetProperty("paused").GetBoolean());
        Assert.False((await Store.GetProviderPauseAsync("spotify", CancellationToken.None))?.IsPausedAt(Time.GetUtcNow()) ?? false);
    }

    [StoreFact]
    public async Task List_NamesEveryProviderOfThisBuild_AndThePaidOnesCanBePaused()
    {
        var list = await ReadJsonAsync(await Alpha.GetAsync("/api/providers"));
        var paused = await ReadJsonAsync(await Admin.PostAsync("/api/providers/songstats/pause", Json($$"""{"until": "{{Time.GetUtcNow().AddHours(1):O}}"}""")));

        Assert.Equal(["musicbrainz", "snapshot", "songstats", "spotify"], list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.True(paused.GetProperty("paused").GetBoolean());
        Assert.True((await Store.GetProviderPauseAsync("songstats", CancellationToken.None))!.IsPausedAt(Time.GetUtcNow()));
    }

    [StoreFact]
    public async Task MemberPause_Is403AndChangesNothing()
    {
        await AssertProblemAsync(await Alpha.PostAsync("/api/providers/spotify/pause", Json($$"""{"until": "{{Time.GetUtcNow().AddHours(1):O}}"}""")), 403);
        await AssertProblemAsync(await Alpha.PostAsync("/api/providers/spotify/resume", null), 403);

        Assert.Null(await Store.GetProviderPauseAsync("spotify", CancellationToken.None));
    }

    [StoreFact]
    public async Task Pause_WithBadBody_Is400NamingTheMember_AndUnknownProviderIs404()
    {
        var past = await AssertProblemAsync(await Admin.PostAsync("/api/providers/spotify/pause", Json($$"""{"until": "{{Time.GetUtcNow().AddHours(-1):O}}"}""")), 400);
        var unknown = await AssertProblemAsync(await Admin.PostAsync("/api/providers/spotify/pause", Json($$"""{"until": "{{Time.GetUtcNow().AddHours(1):O}}", "reason": "x"}""")), 400);
        var wrongType = await AssertProblemAsync(await Admin.PostAsync("/api/providers/spotify/pause", Json("""{"until": 5}""")), 400);
        var missing = await AssertProblemAsync(await Admin.PostAsync("/api/providers/spotify/pause", Json("{}")), 400);
        var malformed = await AssertProblemAsync(await Admin.PostAsync("/api/providers/spotify/pause", Json("{\"until\": ")), 400);

        Assert.Equal("until", past.GetProperty("field").GetString());
        Assert.Equal("reason", unknown.GetProperty("field").GetString());
        Assert.Equal("until", wrongType.GetProperty("field").GetString());
        Assert.Equal("until", missing.GetProperty("field").GetString());
        Assert.True(malformed.TryGetProperty("detail", out _));
        await AssertProblemAsync(await Admin.PostAsync("/api/providers/nope/resume", null), 404);
        Assert.Null(await Store.GetProviderPauseAsync("spotify", CancellationToken.None));
    }
}

public sealed class SqliteProvidersApiTests : ProvidersApiCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresProvidersApiTests : ProvidersApiCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
