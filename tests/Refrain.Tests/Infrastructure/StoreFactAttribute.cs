using Xunit.Abstractions;
using Xunit.Sdk;

namespace Refrain.Tests.Infrastructure;

/// <summary>
/// A fact of a store compliance suite. It runs for every concrete subclass; on a subclass that implements
/// <see cref="IRequiresPostgres"/> it is skipped when no PostgreSQL is available (never on CI: there it runs and fails).
/// </summary>
[XunitTestCaseDiscoverer("Refrain.Tests.Infrastructure.StoreFactDiscoverer", "Refrain.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>Marks a test class whose store is PostgreSQL.</summary>
public interface IRequiresPostgres;

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _inner = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var type = testMethod.TestClass.Class.ToRuntimeType();
        if (type is not null && typeof(IRequiresPostgres).IsAssignableFrom(type) && PostgresSkip.Reason() is { } reason)
        {
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)];
        }

        return _inner.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
