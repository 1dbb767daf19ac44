using System.Globalization;
using System.Net.Mail;
using System.Text;
using System.Text.Json;
using Refrain.Jobs;

namespace Refrain.Notifications;

/// <summary>
/// Sends one notification to one channel and classifies the answer as the engine does (DESIGN §4): 2xx done; 408, 429, 5xx,
/// timeouts and connection failures retried; other 4xx permanent. Errors name the status or failure, never the URL,
/// secret or password.
/// </summary>
public sealed class NotificationSender(HttpClient http, TimeProvider time, TimeSpan timeout)
{
    public async Task<JobOutcome> SendAsync(NotificationChannelOptions channel, NotificationRecord notification, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return channel.Type switch
            {
                NotificationChannelOptions.Slack => await PostAsync(channel, JsonSerializer.Serialize(new { text = notification.Text }), null, limit.Token),
                NotificationChannelOptions.Webhook => await PostAsync(channel, notification.Payload, notification, limit.Token),
                NotificationChannelOptions.Email => await MailAsync(channel, notification, limit.Token),
                _ => new JobOutcome.Permanent($"unknown channel type '{channel.Type}'"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new JobOutcome.Retry(string.Create(CultureInfo.InvariantCulture, $"timed out after {timeout.TotalSeconds:0.###} s"));
        }
        catch (HttpRequestException ex)
        {
            return new JobOutcome.Retry($"connection failed ({ex.HttpRequestError})");
        }
        catch (SmtpException ex)
        {
            // An SMTP 5xx reply is a refusal (bad recipient, authentication); anything else may pass on a later try.
            var status = (int)ex.StatusCode;
            var error = string.Create(CultureInfo.InvariantCulture, $"SMTP {status} ({ex.StatusCode})");
            return status is >= 500 and < 600 and not 554 ? new JobOutcome.Permanent(error) : new JobOutcome.Retry(error);
        }
        catch (IOException ex)
        {
            return new JobOutcome.Retry($"connection failed ({ex.GetType().Name})");
        }
    }

    private async Task<JobOutcome> PostAsync(NotificationChannelOptions channel, string body, NotificationRecord? signed, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signed is not null)
        {
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(channel.Secret ?? "", body));
            request.Headers.Add(WebhookSignature.TimestampHeader, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Refrain-Event", signed.Kind);
            request.Headers.Add("X-Refrain-Notification", signed.Id.ToString(CultureInfo.InvariantCulture));
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var status = (int)response.StatusCode;
        return HttpOutcomes.Classify(response.StatusCode) switch
        {
            HttpVerdict.Success => JobOutcome.Success($"HTTP {status}"),
            HttpVerdict.Retry or HttpVerdict.TooManyRequests => new JobOutcome.Retry($"HTTP {status}", RetryAfter.Read(response, time.GetUtcNow())),
            _ => new JobOutcome.Permanent($"HTTP {status}"),
        };
    }

    private static async Task<JobOutcome> MailAsync(NotificationChannelOptions channel, NotificationRecord notification, CancellationToken ct)
    {
        using var message = new MailMessage { From = new MailAddress(channel.From!), Subject = notification.Subject, Body = notification.Text };
        foreach (var to in channel.To)
        {
            message.To.Add(to);
        }

        using var smtp = new SmtpClient(channel.SmtpHost, channel.SmtpPort) { EnableSsl = channel.UseTls, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (!string.IsNullOrEmpty(channel.Username))
        {
            smtp.Credentials = new System.Net.NetworkCredential(channel.Username, channel.Password);
        }

        await smtp.SendMailAsync(message, ct);
        return JobOutcome.Success("sent");
    }
}
