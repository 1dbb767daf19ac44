namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>What <see cref="SeedDashboardBenchAsync"/> writes: sizes, and the accounts the rows are spread over.</summary>
    public sealed record BenchSeedPlan(int Jobs, int Songs, IReadOnlyList<long> AccountIds)
    {
        /// <summary>Open duration-mismatch review items (a few hundred by default).</summary>
        public int Reviews { get; init; } = 300;

        /// <summary>Listeners, each with plays and two uploads.</summary>
        public int Listeners { get; init; } = 60;

        /// <summary>Plays over all listeners.</summary>
        public int Plays { get; init; } = 200_000;
    }
}
