using System.Diagnostics.CodeAnalysis;

namespace Refrain.Billing;

/// <summary>
/// The payment gate's answer: <see cref="IsAllowed"/>, or required with a <see cref="CheckoutUrl"/> (a Stripe Checkout
/// Session) and a <see cref="Message"/> for the 402 problem detail.
/// </summary>
public sealed record PaymentDecision
{
    private PaymentDecision(bool isAllowed, string? checkoutUrl, string? message)
    {
        IsAllowed = isAllowed;
        CheckoutUrl = checkoutUrl;
        Message = message;
    }

    /// <summary>The shared "go ahead" answer.</summary>
    public static PaymentDecision Allowed { get; } = new(true, null, null);

    /// <summary>True when the account may start paid work.</summary>
    [MemberNotNullWhen(false, nameof(CheckoutUrl), nameof(Message))]
    public bool IsAllowed { get; }

    /// <summary>Where the account's owner puts a card on file; null when allowed.</summary>
    public string? CheckoutUrl { get; }

    /// <summary>Why the work was refused, for the problem detail; null when allowed.</summary>
    public string? Message { get; }

    /// <summary>A payment method is needed first; <paramref name="checkoutUrl"/> is where to add one.</summary>
    public static PaymentDecision Required(string checkoutUrl, string message) =>
        new(false, checkoutUrl, message);
}
