using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refrain.Billing;

namespace Refrain.Tests.Billing;

/// <summary>Which gate <c>Billing:Provider</c> registers, and the start-up check of the Stripe settings.</summary>
public sealed class BillingServicesTests
{
    private static IServiceCollection Register(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddBilling(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private static ServiceProvider Build(Dictionary<string, string?> settings) => Register(settings).BuildServiceProvider();

    [Fact]
    public void AddBilling_ByDefault_AllowsEverything()
    {
        using var services = Build([]);

        Assert.IsType<AllowAllPaymentGate>(services.GetRequiredService<IPaymentGate>());
        Assert.Equal("none", services.GetRequiredService<IOptions<BillingOptions>>().Value.Provider);
    }

    [Fact]
    public void AddBilling_StripeWithoutItsSettings_RefusesNamingEachMissingOne()
    {
        using var services = Build(new() { ["Billing:Provider"] = "Stripe" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StripeOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("Billing:Stripe:SecretKey", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Billing:Stripe:WebhookSecret", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Billing:Stripe:SuccessUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void AddBilling_StripeWithItsSettings_RegistersTheStripeGate()
    {
        var registered = Register(new()
        {
            ["Billing:Provider"] = "stripe",
            ["Billing:Stripe:SecretKey"] = "sk_test_x",
            ["Billing:Stripe:WebhookSecret"] = "whsec_x",
            ["Billing:Stripe:SuccessUrl"] = "https://app.example.com/ok",
            ["Billing:Stripe:CancelUrl"] = "https://app.example.com/cancel",
        });

        using var services = registered.BuildServiceProvider();

        Assert.Equal(typeof(StripePaymentGate), Assert.Single(registered, d => d.ServiceType == typeof(IPaymentGate)).ImplementationType);
        Assert.Equal(new Uri("https://api.stripe.com"), services.GetRequiredService<IOptions<StripeOptions>>().Value.ApiBaseUrl);
    }

    [Fact]
    public void AddBilling_AnUnknownProvider_IsRefused()
    {
        using var services = Build(new() { ["Billing:Provider"] = "paypal" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BillingOptions>>().Value);
    }
}
