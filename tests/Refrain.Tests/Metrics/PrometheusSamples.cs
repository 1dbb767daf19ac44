using System.Globalization;

namespace Refrain.Tests.Metrics;

/// <summary>A scraped exposition read back: each sample line by its series (name and labels as written) and the declared families.</summary>
internal sealed class PrometheusSamples
{
    private readonly Dictionary<string, double> _samples = new(StringComparer.Ordinal);
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);

    public PrometheusSamples(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                _families.Add(line.Split(' ')[2]);
            }
            else if (!line.StartsWith('#'))
            {
                var space = line.LastIndexOf(' ');
                var value = line[(space + 1)..];
                _samples[line[..space]] = value == "+Inf" ? double.PositiveInfinity : double.Parse(value, CultureInfo.InvariantCulture);
            }
        }
    }

    public string Text { get; }

    public bool Declares(string family) => _families.Contains(family);

    /// <summary>The value of a series, e.g. <c>refrain_jobs{source="a",job_type="b",state="dead"}</c>; fails when it is absent.</summary>
    public double this[string series] =>
        _samples.TryGetValue(series, out var value) ? value : throw new Xunit.Sdk.XunitException($"no sample {series} in:\n{Text}");

    public bool Has(string series) => _samples.ContainsKey(series);
}
