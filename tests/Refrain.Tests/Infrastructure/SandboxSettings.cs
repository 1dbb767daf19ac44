using Refrain.Sandbox;

namespace Refrain.Tests.Infrastructure;

/// <summary>The configuration that points a node's Spotify client at a sandbox on 127.0.0.1, with the sandbox's credentials.</summary>
public static class SandboxSettings
{
    public static Dictionary<string, string?> Spotify(SandboxServer sandbox) => new()
    {
        ["Providers:Spotify:ApiBaseUrl"] = sandbox.BaseUrl.ToString(),
        ["Providers:Spotify:AccountsBaseUrl"] = sandbox.BaseUrl.ToString(),
        ["Providers:Spotify:ClientId"] = sandbox.Options.ClientId,
        ["Providers:Spotify:ClientSecret"] = sandbox.Options.ClientSecret,
    };
}
