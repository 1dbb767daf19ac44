using Microsoft.Extensions.Options;

namespace Refrain.Providers.Spotify;

/// <summary>Start-up validation of <see cref="SpotifyOptions"/>: names every bad setting.</summary>
public sealed class SpotifyOptionsValidator : IValidateOptions<SpotifyOptions>
{
    public ValidateOptionsResult Validate(string? name, SpotifyOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
