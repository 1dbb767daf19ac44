using System.Globalization;

namespace Refrain.Cli;

/// <summary>ISO-8601 input: fractional seconds and any offset accepted; no offset means UTC.</summary>
internal static class Iso
{
    public static DateTimeOffset Parse(string value, string option) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var at)
            ? at
            : throw new CliException($"{option}: '{value}' is not an ISO-8601 time (e.g. 2026-12-01T04:00:00Z)");
}
