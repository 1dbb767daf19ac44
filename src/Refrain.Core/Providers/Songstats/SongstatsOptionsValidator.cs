using Microsoft.Extensions.Options;

namespace Refrain.Providers.Songstats;

/// <summary>Start-up validation of <see cref="SongstatsOptions"/>: without an API key the provider does not start.</summary>
public sealed class SongstatsOptionsValidator : IValidateOptions<SongstatsOptions>
{
    public ValidateOptionsResult Validate(string? name, SongstatsOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
