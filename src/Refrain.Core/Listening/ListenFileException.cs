namespace Refrain.Listening;

/// <summary>A history file that cannot be imported at all (not JSON, another shape, an empty or oversized zip).</summary>
public sealed class ListenFileException(string message) : Exception(message);
