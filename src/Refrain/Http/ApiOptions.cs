namespace Refrain.Http;

/// <summary>The HTTP API's limits (configuration <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Requests one API key may make per minute; beyond it 429 with <c>Retry-After</c>. Default 600; 0 turns it off.</summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>The largest request body outside uploads. Default 1 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest catalog upload (streamed, never buffered whole). Default 256 MiB.</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Whether <c>/metrics</c> requires an admin API key. Default false.</summary>
    public bool MetricsRequireKey { get; set; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RequestsPerMinute < 0)
        {
            errors.Add($"{Section}:RequestsPerMinute must be 0 (no limit) or more");
        }

        if (MaxBodyBytes <= 0)
        {
            errors.Add($"{Section}:MaxBodyBytes must be positive");
        }

        if (MaxUploadBytes <= 0)
        {
            errors.Add($"{Section}:MaxUploadBytes must be positive");
        }

        return errors;
    }
}
