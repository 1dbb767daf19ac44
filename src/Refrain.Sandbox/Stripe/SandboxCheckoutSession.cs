namespace Refrain.Sandbox;

/// <summary>A Checkout Session the Stripe stand-in made, with the form fields it was made from.</summary>
public sealed record SandboxCheckoutSession(
    string Id, Uri Url, string Mode, string? Customer, string? ClientReferenceId, IReadOnlyDictionary<string, string> Form);
