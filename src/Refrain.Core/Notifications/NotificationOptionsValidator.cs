using Microsoft.Extensions.Options;

namespace Refrain.Notifications;

/// <summary>Start-up validation of <see cref="NotificationOptions"/>, naming every bad property and never a secret.</summary>
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
