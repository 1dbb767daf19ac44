using System.Text.Json;
using Refrain.Jobs;
using Refrain.Notifications;

namespace Refrain.Tests.Notifications;

/// <summary>Each channel type over real sockets on 127.0.0.1, and how answers are classified.</summary>
public sealed class NotificationSenderTests : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    private static readonly NotificationRecord Sample = new()
    {
        Id = 7, Kind = NotificationKind.RunFailed, Subject = "Schedule nightly: run 42 (spotify/x) failed",
        Text = "Schedule nightly: run 42 (spotify/x) failed. http://127.0.0.1:5080/admin/runs/42", Payload = """{"event":"run_failed"}""",
    };

    private NotificationSender Sender(TimeSpan? timeout = null) => new(_http, TimeProvider.System, timeout ?? TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Slack_PostsTheTextWithTheRunLink_Unsigned()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        var outcome = await Sender().SendAsync(new NotificationChannelOptions { Name = "s", Type = "slack", Url = receiver.Url }, Sample, CancellationToken.None);

        Assert.IsType<JobOutcome.Succeeded>(outcome);
        var request = Assert.Single(receiver.Requests);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(Sample.Text, body.RootElement.GetProperty("text").GetString());
        Assert.Single(body.RootElement.EnumerateObject());
        Assert.False(request.Headers.ContainsKey("X-Refrain-Signature"));
    }

    [Theory]
    [InlineData(500, "retry")]
    [InlineData(503, "retry")]
    [InlineData(408, "retry")]
    [InlineData(429, "retry")]
    [InlineData(404, "permanent")]
    [InlineData(400, "permanent")]
    public async Task Webhook_AnswerStatus_IsClassifiedAsTheEngineDoes(int status, string expected)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Status = status;

        var outcome = await Sender().SendAsync(new NotificationChannelOptions { Name = "w", Type = "webhook", Url = receiver.Url, Secret = "k" }, Sample, CancellationToken.None);

        Assert.Equal(expected, outcome switch { JobOutcome.Retry => "retry", JobOutcome.Permanent => "permanent", _ => "other" });
    }

    [Fact]
    public async Task Webhook_ConnectionRefused_IsRetriedWithoutNamingTheUrl()
    {
        var outcome = await Sender().SendAsync(
            new NotificationChannelOptions { Name = "w", Type = "slack", Url = "http://127.0.0.1:9/services/T000/B000/XSECRETX" }, Sample, CancellationToken.None);

        var retry = Assert.IsType<JobOutcome.Retry>(outcome);
        Assert.DoesNotContain("XSECRETX", retry.Error, StringComparison.Ordinal);
        Assert.Contains("connection failed", retry.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_IsAcceptedBySmtpWithSubjectAndEveryRecipient()
    {
        await using var smtp = new SmtpReceiver();
        var channel = new NotificationChannelOptions
        {
            Name = "mail", Type = "email", SmtpHost = "127.0.0.1", SmtpPort = smtp.Port, From = "refrain@example.com", To = ["ops@example.com", "dev@example.com"],
        };

        var outcome = await Sender().SendAsync(channel, Sample, CancellationToken.None);

        Assert.IsType<JobOutcome.Succeeded>(outcome);
        var message = Assert.Single(smtp.Messages);
        Assert.Equal("<refrain@example.com>", message.From);
        Assert.Equal(["<ops@example.com>", "<dev@example.com>"], message.To);
        Assert.Contains("Subject: Schedule nightly: run 42 (spotify/x) failed", message.Data, StringComparison.Ordinal);
        Assert.Contains("/admin/runs/42", message.Data, StringComparison.Ordinal);
    }

    public void Dispose() => _http.Dispose();
}
