using Microsoft.Extensions.Options;

namespace Refrain.Providers.Snapshot;

/// <summary>Start-up validation of <see cref="SnapshotOptions"/>: without a base URL the provider does not start.</summary>
public sealed class SnapshotOptionsValidator : IValidateOptions<SnapshotOptions>
{
    public ValidateOptionsResult Validate(string? name, SnapshotOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
