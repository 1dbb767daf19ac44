namespace Refrain.Tests.Infrastructure;

/// <summary>A service provider with nothing in it, for handlers that need none.</summary>
public sealed class EmptyServices : IServiceProvider
{
    public static readonly EmptyServices Instance = new();

    public object? GetService(Type serviceType) => null;
}
