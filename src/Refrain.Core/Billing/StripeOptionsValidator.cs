using Microsoft.Extensions.Options;

namespace Refrain.Billing;

/// <summary>Start-up validation of <see cref="StripeOptions"/> (when <c>Billing:Provider = stripe</c>), naming every bad setting.</summary>
public sealed class StripeOptionsValidator : IValidateOptions<StripeOptions>
{
    public ValidateOptionsResult Validate(string? name, StripeOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
