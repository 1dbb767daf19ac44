namespace Refrain.Tests.Security;

/// <summary><c>Security:TokenKey</c> values for tests: every server, app and CLI process a test starts gets <see cref="Default"/>.</summary>
public static class TestTokenKeys
{
    /// <summary>Base64 of 32 fixed bytes, the shape <c>head -c 32 /dev/urandom | base64</c> makes.</summary>
    public const string Default = "q1jv6Xk3pWb0yQ0mJ9Hc2sV7tF4nR8eL1aZ5uD3gK0M=";

    /// <summary>Another valid key: what one key ring protected, this one cannot read.</summary>
    public const string Other = "Zm9yIGEgZGlmZmVyZW50IGtleSByaW5nLCBub3QgdGhlIGRlZmF1bHQ=";
}
