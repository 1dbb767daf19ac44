namespace Refrain.Jobs;

/// <summary>All handlers of this process, looked up by <c>(source, job_type)</c>.</summary>
public sealed class JobHandlerRegistry
{
    private readonly Dictionary<(string Source, string JobType), JobHandlerRegistration> _registrations = [];

    public JobHandlerRegistry(IEnumerable<JobHandlerRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            _registrations[(registration.Source, registration.JobType)] = registration;
        }
    }

    public IReadOnlyCollection<JobHandlerRegistration> All => _registrations.Values;

    public JobHandlerRegistration? Find(string source, string jobType) =>
        _registrations.GetValueOrDefault((source, jobType));

    /// <summary>Throws <see cref="ArgumentException"/> naming the pair when no handler exists.</summary>
    public JobHandlerRegistration Require(string source, string jobType) =>
        Find(source, jobType) ?? throw new ArgumentException(
            $"no handler for job '{source}/{jobType}'; known: {string.Join(", ", _registrations.Keys.Select(k => $"{k.Source}/{k.JobType}").Order(StringComparer.Ordinal))}");
}
