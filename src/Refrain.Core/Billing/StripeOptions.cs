namespace Refrain.Billing;

/// <summary>
/// Configuration <c>Billing:Stripe</c>, used when <c>Billing:Provider = stripe</c>. Without <see cref="PriceId"/> the Checkout
/// Session is mode <c>setup</c> (it only saves a card); with it, mode <c>subscription</c> on that price (the free tier's
/// trial: a zero-amount or trialing price that collects a card). Either way the completed session marks a card on file.
/// </summary>
public sealed class StripeOptions
{
    public const string Section = "Billing:Stripe";

    /// <summary>Required: the secret API key (<c>sk_...</c>), sent as Bearer. Never logged.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Where the Stripe API is. Default <c>https://api.stripe.com</c>; tests point it at the sandbox.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.stripe.com");

    /// <summary>Required: the webhook endpoint's signing secret (<c>whsec_...</c>) that <c>Stripe-Signature</c> is checked with.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Required: where Checkout sends the user after putting a card on file.</summary>
    public Uri? SuccessUrl { get; set; }

    /// <summary>Required: where Checkout sends the user who gives up.</summary>
    public Uri? CancelUrl { get; set; }

    /// <summary>The free tier's price: when set the session is a subscription to it, otherwise a setup session. Default none.</summary>
    public string? PriceId { get; set; }

    /// <summary>How old a signed webhook may be (its <c>t=</c>) and still be accepted, either way. Default 5 minutes, as Stripe's libraries.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one Stripe request may take. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Names every bad setting, or returns an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(SecretKey))
        {
            errors.Add($"{Section}:SecretKey is required (the Stripe secret API key)");
        }

        if (string.IsNullOrWhiteSpace(WebhookSecret))
        {
            errors.Add($"{Section}:WebhookSecret is required (the webhook endpoint's signing secret)");
        }

        if (!IsHttp(ApiBaseUrl))
        {
            errors.Add($"{Section}:ApiBaseUrl must be an absolute http or https URL");
        }

        if (!IsHttp(SuccessUrl))
        {
            errors.Add($"{Section}:SuccessUrl is required (an absolute http or https URL)");
        }

        if (!IsHttp(CancelUrl))
        {
            errors.Add($"{Section}:CancelUrl is required (an absolute http or https URL)");
        }

        if (WebhookTolerance <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:WebhookTolerance must be positive");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:Timeout must be positive");
        }

        return errors;
    }

    private static bool IsHttp(Uri? uri) =>
        uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
