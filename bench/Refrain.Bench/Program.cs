using BenchmarkDotNet.Running;
using Refrain.Bench;

// `latency` times every call on its own (the true per-decision p99, GC pauses included);
// anything else goes to BenchmarkDotNet (`--filter '*'`, `--list flat`, ...).
if (args is ["latency", ..])
{
    LatencyProbe.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000, Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(MatcherBenchmarks).Assembly).Run(args, new BenchConfig());
