namespace Refrain.Scheduling;

/// <summary>The scheduler loop's settings (configuration <c>Scheduling</c>).</summary>
public sealed class SchedulingOptions
{
    /// <summary>Longest wait between looks at the schedules table; the loop also wakes at the next fire time. Default 1 second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether this node runs the scheduler loop. Every node may; fire times are claimed by compare-and-set. Default true.</summary>
    public bool Enabled { get; set; } = true;
}
