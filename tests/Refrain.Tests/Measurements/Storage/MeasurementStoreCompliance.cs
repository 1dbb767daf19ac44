using Dapper;
using Refrain.Measurements;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Measurements;

/// <summary>
/// Measurement storage on both databases: cumulative totals upserted once per (recording, platform, metric, date, source),
/// daily values derived from the previous calendar day only (a gap is unknown, a negative difference is flagged).
/// </summary>
public abstract class MeasurementStoreCompliance : StoreTestBase
{
    private const string Isrc = "USRC17607839";

    private static DateOnly May(int day) => new(2024, 5, day);

    private Task<int> UpsertAsync(params DailyTotal[] points) =>
        Store.UpsertMeasurementsAsync(Isrc, "spotify", "streams", "songstats", points, CancellationToken.None);

    private async Task<IReadOnlyList<MeasurementPoint>> ReadAsync(string source = "songstats") =>
        await Store.GetMeasurementsAsync(Isrc, "spotify", "streams", source, May(1), May(31), CancellationToken.None);

    [StoreFact]
    public async Task Upsert_AcrossAGapAndADip_DerivesDailyFromThePreviousCalendarDayOnly()
    {
        // 3 May is missing; 5 May reports less than 4 May (a correction).
        await UpsertAsync(new(May(1), 100), new(May(2), 150), new(May(4), 260), new(May(5), 250), new(May(6), 300));

        Assert.Equal(
            [
                new MeasurementPoint(May(1), 100, null, false), // nothing before it: unknown, not 100
                new MeasurementPoint(May(2), 150, 50, false),
                new MeasurementPoint(May(4), 260, null, false), // 3 May has no value: unknown, not 110
                new MeasurementPoint(May(5), 250, null, true), // −10: stored as null and flagged
                new MeasurementPoint(May(6), 300, 50, false),
            ],
            await ReadAsync());
    }

    [StoreFact]
    public async Task Upsert_TheSamePointsTwice_KeepsOneRowPerDay()
    {
        DailyTotal[] points = [new(May(1), 100), new(May(2), 150), new(May(3), 175)];
        await UpsertAsync(points);
        var first = await ReadAsync();
        Time.Advance(TimeSpan.FromHours(1));

        await UpsertAsync(points);

        Assert.Equal(first, await ReadAsync());
        Assert.Equal(3, await Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM measurements"), CancellationToken.None));
    }

    [StoreFact]
    public async Task Upsert_FillingAGapLater_DerivesTheFilledDayAndTheDayAfter()
    {
        await UpsertAsync(new(May(1), 100), new(May(3), 220));

        await UpsertAsync(new DailyTotal(May(2), 160));

        Assert.Equal(new long?[] { null, 60, 60 }, (await ReadAsync()).Select(p => p.Daily));
    }

    [StoreFact]
    public async Task Upsert_ACorrectedTotal_ClearsTheFlagOfTheDayAfter()
    {
        await UpsertAsync(new(May(1), 100), new(May(2), 90), new(May(3), 130));
        Assert.True((await ReadAsync())[1].Flagged);

        await UpsertAsync(new DailyTotal(May(2), 110));

        Assert.Equal(new (long?, bool)[] { (null, false), (10, false), (20, false) }, (await ReadAsync()).Select(p => (p.Daily, p.Flagged)));
    }

    [StoreFact]
    public async Task Upsert_AnotherSource_IsItsOwnSeries()
    {
        await UpsertAsync(new(May(1), 100), new(May(2), 150));

        await Store.UpsertMeasurementsAsync(Isrc, "spotify", "streams", "snapshot", [new(May(2), 149), new(May(3), 200)], CancellationToken.None);

        Assert.Equal(new long?[] { null, 50 }, (await ReadAsync()).Select(p => p.Daily));
        Assert.Equal(new long?[] { null, 51 }, (await ReadAsync("snapshot")).Select(p => p.Daily));
    }

    [StoreFact]
    public async Task Upsert_AcrossAMonthEnd_UsesTheCalendarDayBefore()
    {
        await Store.UpsertMeasurementsAsync(Isrc, "spotify", "streams", "songstats",
            [new(new DateOnly(2024, 2, 28), 10), new(new DateOnly(2024, 2, 29), 25), new(new DateOnly(2024, 3, 1), 45)], CancellationToken.None);

        var points = await Store.GetMeasurementsAsync(Isrc, "spotify", "streams", "songstats", new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 31), CancellationToken.None);
        Assert.Equal(new long?[] { null, 15, 20 }, points.Select(p => p.Daily));
    }

    [StoreFact]
    public async Task MarkBackfill_RecordsTheStateAndReplacesIt()
    {
        await Store.MarkBackfillAsync(Isrc, "spotify", "no_history", null, CancellationToken.None);
        Assert.Equal(("no_history", (DateOnly?)null), await Store.GetBackfillAsync(Isrc, "spotify", CancellationToken.None));

        await Store.MarkBackfillAsync(Isrc, "spotify", "backfilled", May(31), CancellationToken.None);

        Assert.Equal(("backfilled", (DateOnly?)May(31)), await Store.GetBackfillAsync(Isrc, "spotify", CancellationToken.None));
        Assert.Null(await Store.GetBackfillAsync(Isrc, "apple_music", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.MarkBackfillAsync(Isrc, "spotify", "done", null, CancellationToken.None));
    }
}

public sealed class SqliteMeasurementStoreTests : MeasurementStoreCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresMeasurementStoreTests : MeasurementStoreCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
