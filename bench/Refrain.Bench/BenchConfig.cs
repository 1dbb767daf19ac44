using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Refrain.Bench;

/// <summary>
/// In-process, so BenchmarkDotNet does not generate a project that would inherit the repository's strict build;
/// short iterations so the percentile columns see the tail instead of averaging it away, and enough warm-up
/// iterations for tiered compilation to finish (on two cores the first case otherwise measures unoptimised code).
/// </summary>
internal sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(25))
            .WithWarmupCount(60)
            .WithIterationCount(60));
        AddColumnProvider(DefaultColumnProviders.Instance);
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, new PercentileColumn(99), StatisticColumn.Max);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default);
        AddExporter(BenchmarkDotNet.Exporters.MarkdownExporter.GitHub);

        // Reports go next to the binaries (ignored by git), not into whatever directory the run started from.
        ArtifactsPath = Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts");
    }
}
