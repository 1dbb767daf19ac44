using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Refrain.Sandbox;

/// <summary>
/// The Stripe stand-in's state and what tests do in Stripe's place: put a card on a customer (as a user finishing Checkout
/// would), build the webhook events Stripe would send and sign them as Stripe does.
/// </summary>
public sealed class SandboxStripe
{
    private readonly ConcurrentDictionary<string, SandboxStripeCustomer> _customers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SandboxStripeCustomer> _byIdempotencyKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SandboxCheckoutSession> _sessions = new(StringComparer.Ordinal);
    private long _next;

    public IReadOnlyCollection<SandboxStripeCustomer> Customers => [.. _customers.Values.OrderBy(c => c.Id, StringComparer.Ordinal)];

    public IReadOnlyCollection<SandboxCheckoutSession> Sessions => [.. _sessions.Values.OrderBy(s => s.Id, StringComparer.Ordinal)];

    public SandboxStripeCustomer? Customer(string id) => _customers.GetValueOrDefault(id);

    public SandboxCheckoutSession? Session(string id) => _sessions.GetValueOrDefault(id);

    /// <summary>Puts a card on the customer (what <c>payment_methods</c> then lists); returns its payment method id.</summary>
    public string AddCard(string customerId) =>
        (Customer(customerId) ?? throw new ArgumentException($"no sandbox customer {customerId}", nameof(customerId))).AddCard();

    /// <summary>Deletes the customer, as from Stripe's dashboard: its payment methods answer 404 from now on.</summary>
    public bool DeleteCustomer(string customerId) => _customers.TryRemove(customerId, out _);

    /// <summary>
    /// The user finishes the session: a card goes on its customer, and the <c>checkout.session.completed</c> event Stripe
    /// would send is returned (unsigned JSON; see <see cref="Sign"/>).
    /// </summary>
    public string CompleteCheckout(string sessionId, string eventId)
    {
        var session = Session(sessionId) ?? throw new ArgumentException($"no sandbox session {sessionId}", nameof(sessionId));
        if (session.Customer is { } customer)
        {
            AddCard(customer);
        }

        var metadata = new JsonObject();
        foreach (var (key, value) in session.Form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal)))
        {
            metadata[key["metadata[".Length..^1]] = value;
        }

        return Event(eventId, "checkout.session.completed", new JsonObject
        {
            ["id"] = session.Id,
            ["object"] = "checkout.session",
            ["client_reference_id"] = session.ClientReferenceId,
            ["customer"] = session.Customer,
            ["metadata"] = metadata,
            ["mode"] = session.Mode,
            ["status"] = "complete",
            ["url"] = null,
        });
    }

    /// <summary>A <c>setup_intent.succeeded</c> event for the customer (unsigned JSON).</summary>
    public static string SetupIntentSucceeded(string eventId, string customerId) =>
        Event(eventId, "setup_intent.succeeded", new JsonObject
        {
            ["id"] = $"seti_{eventId}",
            ["object"] = "setup_intent",
            ["customer"] = customerId,
            ["status"] = "succeeded",
            ["metadata"] = new JsonObject(),
        });

    /// <summary>Any event of <paramref name="type"/> about <paramref name="dataObject"/>, shaped as Stripe's (unsigned JSON).</summary>
    public static string Event(string eventId, string type, JsonObject dataObject) => new JsonObject
    {
        ["id"] = eventId,
        ["object"] = "event",
        ["api_version"] = "2025-09-30.clover",
        ["created"] = 0,
        ["type"] = type,
        ["livemode"] = false,
        ["data"] = new JsonObject { ["object"] = dataObject },
    }.ToJsonString();

    /// <summary>
    /// The <c>Stripe-Signature</c> header Stripe sends with <paramref name="payload"/>: <c>t=&lt;unix seconds&gt;,v1=&lt;hex
    /// HMAC-SHA256 of "{t}.{payload}" keyed with the endpoint secret&gt;</c>, as Stripe's documentation describes.
    /// </summary>
    public static string Sign(string payload, string secret, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    internal SandboxStripeCustomer CreateCustomer(string? name, IReadOnlyDictionary<string, string> metadata, string? idempotencyKey)
    {
        if (idempotencyKey is not null && _byIdempotencyKey.TryGetValue(idempotencyKey, out var replay))
        {
            return replay;
        }

        var customer = new SandboxStripeCustomer($"cus_sandbox{Interlocked.Increment(ref _next)}", name, metadata);
        if (idempotencyKey is not null)
        {
            // Stripe answers a repeated key with the first result; a racing second request gets the first customer too.
            customer = _byIdempotencyKey.GetOrAdd(idempotencyKey, customer);
        }

        _customers.TryAdd(customer.Id, customer);
        return customer;
    }

    internal SandboxCheckoutSession CreateSession(Uri root, string mode, string? customer, string? clientReferenceId, IReadOnlyDictionary<string, string> form)
    {
        var id = $"cs_test_sandbox{Interlocked.Increment(ref _next)}";
        var session = new SandboxCheckoutSession(id, new Uri(root, $"/checkout/{id}"), mode, customer, clientReferenceId, form);
        _sessions[id] = session;
        return session;
    }
}
