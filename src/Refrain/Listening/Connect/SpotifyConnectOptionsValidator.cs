using Microsoft.Extensions.Options;

namespace Refrain.Listening.Connect;

/// <summary>Start-up validation of <see cref="SpotifyConnectOptions"/>: names every bad setting.</summary>
public sealed class SpotifyConnectOptionsValidator : IValidateOptions<SpotifyConnectOptions>
{
    public ValidateOptionsResult Validate(string? name, SpotifyConnectOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
