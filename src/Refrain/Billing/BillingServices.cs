using Microsoft.Extensions.Options;

namespace Refrain.Billing;

/// <summary>Registers the payment gate chosen by <c>Billing:Provider</c>.</summary>
public static class BillingServices
{
    /// <summary>
    /// <c>none</c> (default): <see cref="AllowAllPaymentGate"/>. <c>stripe</c>: <see cref="StripePaymentGate"/> with its
    /// <see cref="StripeClient"/>, and <c>Billing:Stripe</c> validated at start so a node missing the key or URLs does not start.
    /// </summary>
    public static IServiceCollection AddBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BillingOptions>().Bind(configuration.GetSection(BillingOptions.Section))
            .Validate(o => o.Validate().Count == 0, $"{BillingOptions.Section}:Provider must be '{BillingOptions.None}' or '{BillingOptions.Stripe}'").ValidateOnStart();
        var stripe = services.AddOptions<StripeOptions>().Bind(configuration.GetSection(StripeOptions.Section));
        if (!string.Equals(configuration[$"{BillingOptions.Section}:Provider"], BillingOptions.Stripe, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IPaymentGate, AllowAllPaymentGate>();
            return services;
        }

        stripe.ValidateOnStart();
        services.AddSingleton<IValidateOptions<StripeOptions>, StripeOptionsValidator>();
        services.AddHttpClient(BillingOptions.Stripe)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.AddSingleton(sp => new StripeClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(BillingOptions.Stripe),
            sp.GetRequiredService<IOptions<StripeOptions>>().Value,
            sp.GetRequiredService<ILogger<StripeClient>>()));
        services.AddSingleton<IPaymentGate, StripePaymentGate>();
        return services;
    }
}
