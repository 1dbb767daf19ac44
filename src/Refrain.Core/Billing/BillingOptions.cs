namespace Refrain.Billing;

/// <summary>Configuration <c>Billing</c>: which payment gate guards paid work.</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";

    /// <summary>No gate: every account may spend.</summary>
    public const string None = "none";

    /// <summary>A card on file with Stripe is required (<see cref="StripeOptions"/>).</summary>
    public const string Stripe = "stripe";

    /// <summary><c>none</c> or <c>stripe</c>, case-insensitive. Default <c>none</c>.</summary>
    public string Provider { get; set; } = None;

    /// <summary>Names every bad setting, or returns an empty list.</summary>
    public IReadOnlyList<string> Validate() =>
        string.Equals(Provider, None, StringComparison.OrdinalIgnoreCase) || string.Equals(Provider, Stripe, StringComparison.OrdinalIgnoreCase)
            ? []
            : [$"{Section}:Provider must be '{None}' or '{Stripe}', not '{Provider}'"];
}
