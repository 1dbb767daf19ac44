using Microsoft.Extensions.Options;

namespace Refrain.Providers.MusicBrainz;

/// <summary>Start-up validation of <see cref="MusicBrainzOptions"/>: without a User-Agent the provider does not start.</summary>
public sealed class MusicBrainzOptionsValidator : IValidateOptions<MusicBrainzOptions>
{
    public ValidateOptionsResult Validate(string? name, MusicBrainzOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
