using System.Net;
using Refrain.Jobs;

namespace Refrain.Tests.Jobs;

/// <summary><c>Retry-After</c> per RFC 9110 §10.2.3: delay-seconds or an HTTP-date, field names case-insensitive (§5.1).</summary>
public sealed class RetryAfterTests
{
    /// <summary>90 s before the IMF-fixdate used below (2026-10-21 is a Wednesday).</summary>
    private static readonly DateTimeOffset Now = new(2026, 10, 21, 7, 26, 30, TimeSpan.Zero);

    private const string ImfFixdate = "Wed, 21 Oct 2026 07:28:00 GMT";

    [Fact]
    public void Parse_DelaySeconds_IsThatManySeconds() =>
        Assert.Equal(TimeSpan.FromSeconds(120), RetryAfter.Parse("120", Now));

    [Fact]
    public void Parse_Zero_IsZero() =>
        Assert.Equal(TimeSpan.Zero, RetryAfter.Parse("0", Now));

    [Fact]
    public void Parse_ImfFixdate_IsTheTimeUntilThatDate() =>
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.Parse(ImfFixdate, Now));

    [Theory]
    [InlineData("Wednesday, 21-Oct-26 07:28:00 GMT")] // obsolete RFC 850 format, which RFC 9110 §5.6.7 says recipients MUST accept
    [InlineData("Wed Oct 21 07:28:00 2026")] // obsolete asctime() format, likewise
    public void Read_ObsoleteHttpDateFormats_AreAccepted(string value)
    {
        using var response = TooManyRequests("Retry-After", value);

        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.Read(response, Now));
    }

    [Fact]
    public void Parse_AsctimeDate_IsAccepted() =>
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.Parse("Wed Oct 21 07:28:00 2026", Now));

    [Theory]
    [InlineData("12.5")]
    [InlineData("1.5")]
    [InlineData("5 5")]
    public void Read_NeitherDelaySecondsNorHttpDate_IsNull(string value)
    {
        using var response = TooManyRequests("Retry-After", value);

        Assert.Null(RetryAfter.Read(response, Now));
        Assert.Null(RetryAfter.Parse(value, Now));
    }

    [Fact]
    public void Read_HugeDelaySeconds_DoesNotThrow()
    {
        using var response = TooManyRequests("Retry-After", "99999999999999");

        var delay = RetryAfter.Read(response, Now);

        Assert.True(delay is null || delay >= TimeSpan.FromDays(365), $"got {delay}");
    }

    [Fact]
    public void Parse_DateInThePast_IsZero() =>
        Assert.Equal(TimeSpan.Zero, RetryAfter.Parse("Wed, 21 Oct 2026 07:00:00 GMT", Now));

    [Theory]
    [InlineData("soon")]
    [InlineData("12 minutes")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_Garbage_IsNull(string? value) =>
        Assert.Null(RetryAfter.Parse(value, Now));

    [Theory]
    [InlineData("Retry-After")]
    [InlineData("retry-after")]
    [InlineData("RETRY-AFTER")]
    public void Read_DelaySeconds_AnyHeaderCasing(string headerName)
    {
        using var response = TooManyRequests(headerName, "120");

        Assert.Equal(TimeSpan.FromSeconds(120), RetryAfter.Read(response, Now));
        Assert.Equal(TimeSpan.FromSeconds(120), RetryAfter.Read(response.Headers, Now));
    }

    [Theory]
    [InlineData("retry-after")]
    [InlineData("RETRY-AFTER")]
    public void Read_HttpDate_AnyHeaderCasing(string headerName)
    {
        using var response = TooManyRequests(headerName, ImfFixdate);

        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.Read(response, Now));
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.Read(response.Headers, Now));
    }

    [Fact]
    public void Read_NoHeader_IsNull()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Null(RetryAfter.Read(response, Now));
    }

    [Fact]
    public void Read_GarbageHeader_IsNull()
    {
        using var response = TooManyRequests("retry-after", "whenever");

        Assert.Null(RetryAfter.Read(response, Now));
    }

    private static HttpResponseMessage TooManyRequests(string headerName, string value)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        Assert.True(response.Headers.TryAddWithoutValidation(headerName, value));
        return response;
    }
}
