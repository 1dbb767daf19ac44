using Refrain.Notifications;

namespace Refrain.Tests.Notifications;

/// <summary>Start-up validation of <c>Notifications</c>: each bad property named, and never a secret in the message.</summary>
public sealed class NotificationOptionsTests
{
    [Fact]
    public void Validate_NoChannels_IsValid() => Assert.Empty(new NotificationOptions().Validate());

    [Fact]
    public void Validate_NamesEveryBadPropertyOfEveryChannel()
    {
        var options = new NotificationOptions
        {
            DashboardBaseUrl = "not a url",
            MaxAttempts = 0,
            Timeout = TimeSpan.Zero,
            Channels =
            [
                new NotificationChannelOptions { Name = "slack", Type = "slack" },
                new NotificationChannelOptions { Name = "hook", Type = "webhook", Url = "https://hooks.example.com/x" },
                new NotificationChannelOptions { Name = "mail", Type = "email", SmtpPort = 0, From = "nobody", Password = "p" },
                new NotificationChannelOptions { Name = "SLACK", Type = "pager" },
                new NotificationChannelOptions { Type = "slack", Url = "ftp://example.com" },
            ],
        };

        var errors = options.Validate();

        Assert.Equal(
        [
            "Notifications:DashboardBaseUrl must be an absolute http(s) URL",
            "Notifications:Timeout must be positive",
            "Notifications:MaxAttempts must be from 1 to 100",
            "Notifications:Channels:0:Url is required for a slack channel",
            "Notifications:Channels:1:Secret is required for a webhook channel",
            "Notifications:Channels:2:SmtpHost is required for an email channel",
            "Notifications:Channels:2:SmtpPort must be from 1 to 65535",
            "Notifications:Channels:2:From must be an e-mail address",
            "Notifications:Channels:2:To must list at least one e-mail address",
            "Notifications:Channels:2:Username is required with a Password",
            "Notifications:Channels:3:Name 'SLACK' is used by another channel",
            "Notifications:Channels:3:Type must be slack, webhook or email",
            "Notifications:Channels:4:Name is required",
            "Notifications:Channels:4:Url must be an absolute http(s) URL",
        ], errors);
    }

    [Fact]
    public void Validate_NeverQuotesAUrlOrSecret()
    {
        var options = new NotificationOptions
        {
            Channels = [new NotificationChannelOptions { Name = "s", Type = "slack", Url = "mailto:T000/B000/secret-token" },
                        new NotificationChannelOptions { Name = "m", Type = "email", SmtpHost = "smtp", From = "a@b", To = ["c@d"], Password = "hunter2" }],
        };

        var errors = string.Join('\n', options.Validate());

        Assert.NotEmpty(errors);
        Assert.DoesNotContain("secret-token", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_FailsWithTheSameMessages()
    {
        var result = new NotificationOptionsValidator().Validate(null, new NotificationOptions { Channels = [new NotificationChannelOptions { Name = "x", Type = "webhook" }] });

        Assert.True(result.Failed);
        Assert.Contains("Notifications:Channels:0:Url is required for a webhook channel", result.Failures!);
        Assert.Contains("Notifications:Channels:0:Secret is required for a webhook channel", result.Failures!);
    }
}
