namespace Refrain.Jobs;

/// <summary>The code for one <c>(source, job_type)</c>. It returns an outcome; it never sleeps to wait.</summary>
public interface IJobHandler
{
    Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken);
}
