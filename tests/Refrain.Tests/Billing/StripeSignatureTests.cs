using System.Text;
using Refrain.Billing;
using Refrain.Sandbox;

namespace Refrain.Tests.Billing;

/// <summary>The webhook signature check against Stripe's scheme (HMAC-SHA256 of "{t}.{payload}"), with a hand-computed vector.</summary>
public sealed class StripeSignatureTests
{
    private const string Secret = "whsec_test_secret";
    private const string Payload = """{"id":"evt_1","type":"ping"}""";

    /// <summary>1700000000 s after the epoch; the vector below was computed with Python's hmac module, not this code.</summary>
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private const string Vector = "t=1700000000,v1=74a11abdd08483d064a2a1571e7881b084c522f9f3ccd0b800ec8c74aba47fc2";

    private static string? Check(string? header, string payload = Payload, string secret = Secret, TimeSpan? clockOffset = null) =>
        StripeSignature.Refusal(header, Encoding.UTF8.GetBytes(payload), secret, SignedAt + (clockOffset ?? TimeSpan.Zero), TimeSpan.FromMinutes(5));

    [Fact]
    public void Sign_MatchesTheHandComputedVector()
    {
        Assert.Equal(Vector, StripeSignature.Sign(Encoding.UTF8.GetBytes(Payload), Secret, SignedAt));
        Assert.Equal(Vector, SandboxStripe.Sign(Payload, Secret, SignedAt));
    }

    [Fact]
    public void Refusal_AGenuineSignatureWithinTolerance_IsAccepted()
    {
        Assert.Null(Check(Vector));
        Assert.Null(Check(Vector, clockOffset: TimeSpan.FromMinutes(4)));
        Assert.Null(Check(Vector, clockOffset: TimeSpan.FromMinutes(-4)));
    }

    [Fact]
    public void Refusal_WhenOneOfSeveralV1Matches_IsAccepted()
    {
        // While a secret is rolled Stripe sends one v1 per secret; an unknown scheme (v0) is ignored.
        Assert.Null(Check($"t=1700000000,v1={new string('0', 64)},v0=abc,{Vector.Split(',')[1]}"));
    }

    [Theory]
    [InlineData(null, "no Stripe-Signature header")]
    [InlineData("", "no Stripe-Signature header")]
    [InlineData("v1=74a11abdd08483d064a2a1571e7881b084c522f9f3ccd0b800ec8c74aba47fc2", "no timestamp")]
    [InlineData("t=1700000000", "no v1 signature")]
    [InlineData("t=1700000000,v1=zz", "no v1 signature")]
    [InlineData("t=1700000001,v1=74a11abdd08483d064a2a1571e7881b084c522f9f3ccd0b800ec8c74aba47fc2", "does not match")]
    public void Refusal_MalformedOrForgedHeaders_AreRefused(string? header, string reason) =>
        Assert.Contains(reason, Check(header), StringComparison.Ordinal);

    [Fact]
    public void Refusal_WithAnotherSecret_IsRefused() =>
        Assert.Contains("does not match", Check(Vector, secret: "whsec_other"), StringComparison.Ordinal);

    [Fact]
    public void Refusal_ATamperedPayload_IsRefused() =>
        Assert.Contains("does not match", Check(Vector, payload: Payload.Replace("ping", "pong", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Refusal_ATimestampOutsideFiveMinutes_IsRefusedEitherWay()
    {
        Assert.Contains("tolerance", Check(Vector, clockOffset: TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1)), StringComparison.Ordinal);
        Assert.Contains("tolerance", Check(Vector, clockOffset: -TimeSpan.FromMinutes(6)), StringComparison.Ordinal);
    }
}
