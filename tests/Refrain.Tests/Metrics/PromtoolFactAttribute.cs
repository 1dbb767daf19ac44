using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Metrics;

/// <summary>
/// A fact that needs <c>promtool</c> (Debian's <c>prometheus</c> package; <c>.ci/run</c> installs it): skipped when it is not on
/// the PATH, except on CI (env <c>CI=true</c>), where the test runs and fails loudly instead.
/// </summary>
public sealed class PromtoolFactAttribute : FactAttribute
{
    public PromtoolFactAttribute()
    {
        if (Promtool.Path is null && !PostgresServer.IsCi)
        {
            Skip = "promtool not found on PATH (apt-get install prometheus)";
        }
    }
}
