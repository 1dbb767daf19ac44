namespace Refrain.Sandbox;

/// <summary>A customer the Stripe stand-in created, with the ids of the cards it holds.</summary>
public sealed class SandboxStripeCustomer(string id, string? name, IReadOnlyDictionary<string, string> metadata)
{
    private readonly List<string> _cards = [];

    public string Id { get; } = id;

    public string? Name { get; } = name;

    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata;

    /// <summary>Payment method ids (<c>pm_...</c>) of type card.</summary>
    public IReadOnlyList<string> Cards
    {
        get
        {
            lock (_cards)
            {
                return [.. _cards];
            }
        }
    }

    internal string AddCard()
    {
        lock (_cards)
        {
            var id = $"pm_sandbox_{Id}_{_cards.Count + 1}";
            _cards.Add(id);
            return id;
        }
    }
}
