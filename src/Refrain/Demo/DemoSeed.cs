namespace Refrain.Demo;

/// <summary>What the demo seeded: the admin key, the catalog, the listeners, and the runs it started at once.</summary>
internal sealed record DemoSeed(string AdminKey, long CatalogId, int Songs, IReadOnlyList<DemoListener> Listeners)
{
    /// <summary>The duration-mismatch sweep's run, once started.</summary>
    public long? RematchRunId { get; set; }

    /// <summary>The <c>current</c> measurement job's run, when this node has the measurement-jobs endpoint.</summary>
    public long? MeasurementRunId { get; set; }
}
