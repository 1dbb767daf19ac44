using System.Globalization;
using System.Reflection;

namespace Refrain.Storage;

/// <summary>The numbered <c>db/&lt;dialect&gt;/NNNN_name.sql</c> files embedded in this assembly.</summary>
internal static class Migrations
{
    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> For(string dialect)
    {
        var assembly = typeof(Migrations).Assembly;
        var prefix = $"db/{dialect}/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[prefix.Length..^4]))
            .OrderBy(m => m.Version)
            .ToList();
    }

    private static Migration Load(Assembly assembly, string resource, string name)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        return new Migration(version, name, reader.ReadToEnd());
    }
}
