namespace Refrain.Billing;

/// <summary>
/// The payment gate could not reach a decision (Stripe unreachable, refused the key, answered something unreadable). The
/// message is one line for a user and never contains the secret key.
/// </summary>
public sealed class BillingException : Exception
{
    public BillingException(string message)
        : base(message)
    {
    }

    public BillingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BillingException()
    {
    }
}
