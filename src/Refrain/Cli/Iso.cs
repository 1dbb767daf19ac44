using System.Globalization;

namespace Refrain.Cli;

/// <summary>ISO-8601 input: fractional seconds and any offset accepted; no offset means UTC.</summary>
internal static partial class Iso
{
    public static DateTimeOffset Parse(string value, string option) =>
        IsoShape().IsMatch(value.Trim())
        && DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new CliException($"{option}: '{value}' is not an ISO-8601 time (e.g. 2026-12-01T04:00:00Z)");

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex IsoShape();
}
