using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Refrain.Billing;

/// <summary>
/// The three Stripe calls the payment gate makes (DESIGN §6): form-encoded, the secret key as Bearer. A failure is a
/// <see cref="BillingException"/> naming the call, never the key.
/// </summary>
public sealed class StripeClient
{
    private readonly HttpClient _http;
    private readonly StripeOptions _options;
    private readonly ILogger _logger;

    /// <exception cref="OptionsValidationException">The options are invalid (no secret key, no return URLs).</exception>
    public StripeClient(HttpClient http, StripeOptions options, ILogger<StripeClient> logger)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(StripeOptions.Section, typeof(StripeOptions), errors);
        }

        _http = http;
        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// True when the customer has at least one card (<c>GET /v1/customers/{id}/payment_methods?type=card</c>); null when
    /// Stripe no longer has the customer (deleted in the dashboard), so the caller can make a new one.
    /// </summary>
    public async Task<bool?> HasCardAsync(string customerId, CancellationToken ct)
    {
        using var body = await SendAsync(HttpMethod.Get, $"/v1/customers/{Uri.EscapeDataString(customerId)}/payment_methods?type=card&limit=1",
            "GET /v1/customers/{id}/payment_methods", null, null, ct, missingIsNull: true);
        if (body is null)
        {
            return null;
        }

        return body.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
            ? data.GetArrayLength() > 0
            : throw new BillingException("Stripe payment_methods answer has no data list");
    }

    /// <summary>
    /// Creates the account's customer (<c>POST /v1/customers</c>) with the account id in its metadata. The idempotency key
    /// makes concurrent first checks of one account get the same customer back instead of two.
    /// </summary>
    /// <param name="replacing">The account's previous customer when Stripe no longer has it: part of the idempotency key, so
    /// the replacement is a new customer rather than the replay of the deleted one.</param>
    public async Task<string> CreateCustomerAsync(long accountId, string accountName, string? replacing, CancellationToken ct)
    {
        var id = accountId.ToString(CultureInfo.InvariantCulture);
        using var body = await SendAsync(HttpMethod.Post, "/v1/customers", "POST /v1/customers",
            [new("name", accountName), new("metadata[account_id]", id)], $"refrain-customer-{id}{(replacing is null ? "" : "-after-" + replacing)}", ct);
        return Id(body!, "customer");
    }

    /// <summary>
    /// Creates a Checkout Session (<c>POST /v1/checkout/sessions</c>) where the customer puts a card on file: mode
    /// <c>setup</c>, or <c>subscription</c> to <see cref="StripeOptions.PriceId"/>. The account id rides along as
    /// <c>client_reference_id</c> and metadata so the completion webhook finds the account. Returns (id, url, mode).
    /// </summary>
    public async Task<(string Id, string Url, string Mode)> CreateCheckoutSessionAsync(long accountId, string customerId, CancellationToken ct)
    {
        var id = accountId.ToString(CultureInfo.InvariantCulture);
        var mode = string.IsNullOrWhiteSpace(_options.PriceId) ? "setup" : "subscription";
        List<KeyValuePair<string, string>> form =
        [
            new("mode", mode),
            new("customer", customerId),
            new("client_reference_id", id),
            new("metadata[account_id]", id),
            new("success_url", _options.SuccessUrl!.AbsoluteUri),
            new("cancel_url", _options.CancelUrl!.AbsoluteUri),
        ];
        if (mode == "setup")
        {
            form.Add(new("payment_method_types[0]", "card"));
            form.Add(new("setup_intent_data[metadata][account_id]", id));
        }
        else
        {
            form.Add(new("line_items[0][price]", _options.PriceId!));
            form.Add(new("line_items[0][quantity]", "1"));
            form.Add(new("payment_method_collection", "always"));
        }

        using var body = (await SendAsync(HttpMethod.Post, "/v1/checkout/sessions", "POST /v1/checkout/sessions", form, null, ct))!;
        var url = body.RootElement.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        return url is { Length: > 0 } && Uri.TryCreate(url, UriKind.Absolute, out _)
            ? (Id(body, "checkout session"), url, mode)
            : throw new BillingException("Stripe checkout session answer has no url");
    }

    /// <summary>The answer's JSON; null for a 404 when <paramref name="missingIsNull"/> (the resource is gone).</summary>
    private async Task<JsonDocument?> SendAsync(
        HttpMethod method, string path, string endpoint, List<KeyValuePair<string, string>>? form, string? idempotencyKey, CancellationToken ct,
        bool missingIsNull = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(_options.ApiBaseUrl.AbsoluteUri.TrimEnd('/') + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.SecretKey);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.Timeout);
            using var response = await _http.SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            if (missingIsNull && response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                // Stripe's error message names the problem (e.g. "No such customer"), never the key; the key is not echoed.
                throw new BillingException($"Stripe {endpoint} answered HTTP {(int)response.StatusCode}: {ErrorMessage(text)}");
            }

            return JsonDocument.Parse(text);
        }
        catch (BillingException ex)
        {
            BillingLog.RequestFailed(_logger, endpoint, ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            var message = ex is OperationCanceledException ? $"Stripe {endpoint} timed out" : $"Stripe {endpoint} failed: {ex.GetType().Name}";
            BillingLog.RequestFailed(_logger, endpoint, message);
            throw new BillingException(message, ex);
        }
    }

    private static string Id(JsonDocument body, string what) =>
        body.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value
            ? value
            : throw new BillingException($"Stripe {what} answer has no id");

    private static string ErrorMessage(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var message)
                && message.GetString() is { } m)
            {
                return m.Length > 200 ? m[..200] : m;
            }
        }
        catch (JsonException)
        {
        }

        return "no error message";
    }
}
