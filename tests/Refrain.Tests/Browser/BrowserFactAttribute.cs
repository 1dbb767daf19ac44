using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Browser;

/// <summary>
/// A <see cref="FactAttribute"/> for tests that drive Debian's chromium (<see cref="Chromium.ExecutablePath"/>): skipped
/// where it is not installed, except on CI (env <c>CI=true</c>), where the test runs and fails loudly instead.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium.ExecutablePath) && !PostgresServer.IsCi)
        {
            Skip = $"{Chromium.ExecutablePath} not installed (apt-get install chromium)";
        }
    }
}
