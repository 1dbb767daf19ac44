using System.Net;
using Dapper;
using Refrain.Sandbox;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Measurements.Jobs;

namespace Refrain.Tests.Billing;

/// <summary>
/// The payment gate in front of <c>POST /api/research/measurement-jobs</c> on both databases, with Stripe's sandbox: a
/// historical job without a card is a 402 carrying the Checkout link and enqueues nothing; a signed webhook opens the
/// gate; a current job is never gated.
/// </summary>
public abstract class BillingMeasurementJobsCompliance : BillingApiTestBase
{
    private const string Isrc = "USAAA2500001";
    private const string TrackId = "0000000000000000000011";

    private Task<long> CatalogAsync() => MeasurementSeed.ImportAsync(Store, AlphaId, "main", $"Paid,Band,First,{Isrc},200000,{TrackId},,2020");

    private Task<long> CountJobsAsync() => Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM jobs"), CancellationToken.None);

    private long StripeRequests => Sandbox.RequestCount(SandboxEndpoints.StripeCustomers) + Sandbox.RequestCount(SandboxEndpoints.StripePaymentMethods)
        + Sandbox.RequestCount(SandboxEndpoints.StripeCheckoutSessions);

    private Task<HttpResponseMessage> PostAsync(long catalog, string source) =>
        Alpha.PostAsync("/api/research/measurement-jobs", Json($$"""{"scope": {"catalog_id": {{catalog}}}, "source": "{{source}}"}"""));

    [StoreFact]
    public async Task Historical_WithoutACard_Is402WithACheckoutUrlAndEnqueuesNothing()
    {
        var catalog = await CatalogAsync();
        var jobsBefore = await CountJobsAsync();

        var problem = await AssertProblemAsync(await PostAsync(catalog, "historical"), 402);

        var url = problem.GetProperty("checkout_url").GetString();
        var session = Assert.Single(Sandbox.Stripe.Sessions);
        Assert.Equal(session.Url.AbsoluteUri, url);
        Assert.Equal(AlphaId.ToString(System.Globalization.CultureInfo.InvariantCulture), session.ClientReferenceId);
        Assert.Contains("payment method", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(jobsBefore, await CountJobsAsync());
    }

    [StoreFact]
    public async Task Historical_AfterASignedCheckoutWebhook_IsAccepted()
    {
        var catalog = await CatalogAsync();
        await AssertProblemAsync(await PostAsync(catalog, "historical"), 402);
        var session = Assert.Single(Sandbox.Stripe.Sessions);
        Assert.Equal(HttpStatusCode.OK, (await DeliverSignedAsync(Sandbox.Stripe.CompleteCheckout(session.Id, "evt_paid"))).StatusCode);

        var response = await PostAsync(catalog, "historical");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, (await ReadJsonAsync(response)).GetProperty("enqueued").GetInt64());
    }

    [StoreFact]
    public async Task Historical_WhenStripeFails_Is502WithoutTheKeyAndEnqueuesNothing()
    {
        var catalog = await CatalogAsync();
        var jobsBefore = await CountJobsAsync();
        Sandbox.Options.Stripe.ServerErrorRate = 1;

        var response = await PostAsync(catalog, "historical");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(Sandbox.Options.StripeSecretKey, body, StringComparison.Ordinal);
        Assert.Equal(jobsBefore, await CountJobsAsync());
    }

    [StoreFact]
    public async Task Current_WithoutACard_IsNeverGated()
    {
        var catalog = await CatalogAsync();
        await MeasurementSeed.CacheTrackAsync(Store, TrackId, "ALBUM11");

        var response = await PostAsync(catalog, "current");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0, StripeRequests);
        Assert.Null((await Store.GetBillingAccountAsync(AlphaId, CancellationToken.None))!.StripeCustomerId);
    }
}

public sealed class SqliteBillingMeasurementJobsTests : BillingMeasurementJobsCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresBillingMeasurementJobsTests : BillingMeasurementJobsCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
