using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Refrain.Sandbox;

/// <summary>
/// The Stripe API stand-in: <c>POST /v1/customers</c>, <c>GET /v1/customers/{id}/payment_methods</c> and <c>POST
/// /v1/checkout/sessions</c> (form-encoded, the secret key as Bearer; a wrong key is a 401 before anything else), over
/// <see cref="SandboxStripe"/>. Errors are Stripe's <c>{"error": {"type", "code", "message"}}</c>.
/// </summary>
internal sealed class StripeApi(SandboxOptions options, SandboxStripe state, ServiceGate gate, SandboxStats stats)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/customers", (RequestDelegate)CreateCustomerAsync);
        app.MapGet("/v1/customers/{id}/payment_methods", (RequestDelegate)PaymentMethodsAsync);
        app.MapPost("/v1/checkout/sessions", (RequestDelegate)CreateSessionAsync);
    }

    private async Task CreateCustomerAsync(HttpContext context)
    {
        stats.Count(SandboxEndpoints.StripeCustomers);
        if (await AdmitAsync(context) is not { } form)
        {
            return;
        }

        var key = context.Request.Headers["Idempotency-Key"].ToString();
        var customer = state.CreateCustomer(form.GetValueOrDefault("name"), Metadata(form), key.Length > 0 ? key : null);
        var metadata = new JsonObject();
        foreach (var (k, v) in customer.Metadata)
        {
            metadata[k] = v;
        }

        await Respond.JsonAsync(context, 200, new JsonObject
        {
            ["id"] = customer.Id, ["object"] = "customer", ["name"] = customer.Name, ["metadata"] = metadata, ["livemode"] = false,
        });
    }

    private async Task PaymentMethodsAsync(HttpContext context)
    {
        stats.Count(SandboxEndpoints.StripePaymentMethods);
        if (await AdmitAsync(context) is null)
        {
            return;
        }

        var id = context.Request.RouteValues["id"] as string ?? "";
        if (state.Customer(id) is not { } customer)
        {
            await ErrorAsync(context, 404, "invalid_request_error", "resource_missing", $"No such customer: '{id}'");
            return;
        }

        var type = context.Request.Query["type"].ToString();
        var cards = type.Length == 0 || type == "card" ? customer.Cards : [];
        await Respond.JsonAsync(context, 200, new JsonObject
        {
            ["object"] = "list",
            ["url"] = $"/v1/customers/{id}/payment_methods",
            ["has_more"] = false,
            ["data"] = new JsonArray([.. cards.Select(pm => (JsonNode)new JsonObject
            {
                ["id"] = pm, ["object"] = "payment_method", ["type"] = "card", ["customer"] = id,
                ["card"] = new JsonObject { ["brand"] = "visa", ["last4"] = "4242", ["exp_month"] = 12, ["exp_year"] = 2034 },
            })]),
        });
    }

    private async Task CreateSessionAsync(HttpContext context)
    {
        stats.Count(SandboxEndpoints.StripeCheckoutSessions);
        if (await AdmitAsync(context) is not { } form)
        {
            return;
        }

        var mode = form.GetValueOrDefault("mode");
        var customer = form.GetValueOrDefault("customer");
        string? problem = mode switch
        {
            not ("setup" or "subscription" or "payment") => "Missing required param: mode.",
            "subscription" when !form.ContainsKey("line_items[0][price]") => "You must provide at least one recurring price in `subscription` mode.",
            _ when !form.ContainsKey("success_url") => "Missing required param: success_url.",
            _ when customer is not null && state.Customer(customer) is null => $"No such customer: '{customer}'",
            _ => null,
        };
        if (problem is not null)
        {
            await ErrorAsync(context, 400, "invalid_request_error", "parameter_missing", problem);
            return;
        }

        var session = state.CreateSession(new Uri(Respond.Root(context)), mode!, customer, form.GetValueOrDefault("client_reference_id"), form);
        await Respond.JsonAsync(context, 200, new JsonObject
        {
            ["id"] = session.Id,
            ["object"] = "checkout.session",
            ["mode"] = session.Mode,
            ["customer"] = session.Customer,
            ["client_reference_id"] = session.ClientReferenceId,
            ["status"] = "open",
            ["url"] = session.Url.AbsoluteUri,
        });
    }

    /// <summary>The key check, then the service gate; the form fields (empty for a GET), or null when refused.</summary>
    private async Task<Dictionary<string, string>?> AdmitAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {options.StripeSecretKey}")
        {
            await ErrorAsync(context, 401, "invalid_request_error", null, "Invalid API Key provided.");
            return null;
        }

        if (await gate.AdmitAsync(context) == Admission.Refused)
        {
            return null;
        }

        if (!context.Request.HasFormContentType)
        {
            return [];
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
    }

    private static Dictionary<string, string> Metadata(Dictionary<string, string> form) =>
        form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal) && f.Key.EndsWith(']'))
            .ToDictionary(f => f.Key["metadata[".Length..^1], f => f.Value, StringComparer.Ordinal);

    private static Task ErrorAsync(HttpContext context, int status, string type, string? code, string message) =>
        Respond.JsonAsync(context, status, new JsonObject
        {
            ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["message"] = message },
        });
}
