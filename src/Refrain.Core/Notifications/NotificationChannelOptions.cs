namespace Refrain.Notifications;

/// <summary>
/// One channel of <c>Notifications:Channels</c>: <c>slack</c> (an incoming-webhook <see cref="Url"/>, itself a secret),
/// <c>webhook</c> (<see cref="Url"/> and an HMAC <see cref="Secret"/>) or <c>email</c> (SMTP settings).
/// </summary>
public sealed class NotificationChannelOptions
{
    public const string Slack = "slack";
    public const string Webhook = "webhook";
    public const string Email = "email";

    /// <summary>The channel's name, unique; deliveries are recorded under it.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>slack</c>, <c>webhook</c> or <c>email</c>.</summary>
    public string Type { get; set; } = "";

    /// <summary>Slack and webhook: where to POST. A Slack URL carries its own credential, so it is never logged.</summary>
    public string? Url { get; set; }

    /// <summary>Webhook: the key of <c>X-Refrain-Signature: sha256=hex(HMAC-SHA256(secret, raw body))</c>; never logged.</summary>
    public string? Secret { get; set; }

    /// <summary>E-mail: the SMTP server's host.</summary>
    public string? SmtpHost { get; set; }

    /// <summary>E-mail: the SMTP port. Default 25.</summary>
    public int SmtpPort { get; set; } = 25;

    /// <summary>E-mail: the sender address.</summary>
    public string? From { get; set; }

    /// <summary>E-mail: the recipients.</summary>
    public List<string> To { get; set; } = [];

    /// <summary>E-mail: SMTP user name, when the server wants one.</summary>
    public string? Username { get; set; }

    /// <summary>E-mail: SMTP password (never logged).</summary>
    public string? Password { get; set; }

    /// <summary>E-mail: STARTTLS. Default false.</summary>
    public bool UseTls { get; set; }

    internal IEnumerable<string> Validate(string at)
    {
        switch (Type)
        {
            case Slack or Webhook:
                if (string.IsNullOrWhiteSpace(Url))
                {
                    yield return $"{at}:Url is required for a {Type} channel";
                }
                else if (!NotificationOptions.IsHttpUrl(Url))
                {
                    yield return $"{at}:Url must be an absolute http(s) URL";
                }

                if (Type == Webhook && string.IsNullOrEmpty(Secret))
                {
                    yield return $"{at}:Secret is required for a webhook channel";
                }

                break;
            case Email:
                if (string.IsNullOrWhiteSpace(SmtpHost))
                {
                    yield return $"{at}:SmtpHost is required for an email channel";
                }

                if (SmtpPort is < 1 or > 65535)
                {
                    yield return $"{at}:SmtpPort must be from 1 to 65535";
                }

                if (string.IsNullOrWhiteSpace(From) || !From.Contains('@', StringComparison.Ordinal))
                {
                    yield return $"{at}:From must be an e-mail address";
                }

                if (To.Count == 0 || To.Any(t => string.IsNullOrWhiteSpace(t) || !t.Contains('@', StringComparison.Ordinal)))
                {
                    yield return $"{at}:To must list at least one e-mail address";
                }

                if (!string.IsNullOrEmpty(Password) && string.IsNullOrEmpty(Username))
                {
                    yield return $"{at}:Username is required with a Password";
                }

                break;
            default:
                yield return $"{at}:Type must be slack, webhook or email";
                break;
        }
    }
}
