namespace Refrain.Billing;

/// <summary>What applying a webhook event did.</summary>
public enum BillingEventResult
{
    /// <summary>First delivery; the account it names now has a card on file.</summary>
    CardOnFile,

    /// <summary>First delivery of an event that changes nothing (another type, or no account found): recorded only.</summary>
    Recorded,

    /// <summary>The event id was already recorded: a redelivery, nothing changed.</summary>
    Duplicate,
}
