namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>Row counts after <see cref="SeedDashboardBenchAsync"/>, over the whole database.</summary>
    public sealed class BenchSeedCounts
    {
        public long Jobs { get; set; }
        public long Runs { get; set; }
        public long Schedules { get; set; }
        public long Songs { get; set; }
        public long Links { get; set; }

        /// <summary>Links in state <c>review</c>.</summary>
        public long Reviews { get; set; }

        public long Listeners { get; set; }
        public long Plays { get; set; }
        public long Uploads { get; set; }
        public long Measurements { get; set; }
        public long QuotaLedger { get; set; }

        /// <summary>A seeded job half-way through the history (a detail page to open).</summary>
        public long SampleJobId { get; set; }

        /// <summary>The first seeded run: a full one of finished jobs.</summary>
        public long SampleRunId { get; set; }

        /// <summary>A seeded song whose link waits for review, with candidates.</summary>
        public long SampleReviewSongId { get; set; }

        public long SampleListenerId { get; set; }

        /// <summary>A seeded system schedule whose last run is seeded too.</summary>
        public long SampleScheduleId { get; set; }
    }
}
