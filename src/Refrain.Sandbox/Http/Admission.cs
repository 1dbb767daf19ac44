namespace Refrain.Sandbox;

/// <summary>What the gate decided for one request.</summary>
internal enum Admission
{
    /// <summary>Already answered (429, 503, 5xx, or a hang).</summary>
    Refused,

    /// <summary>Serve it.</summary>
    Admitted,

    /// <summary>Serve it with the JSON body cut in half.</summary>
    Malformed,
}
