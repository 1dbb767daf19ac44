namespace Refrain.Cli;

/// <summary>Bad input or usage: the message is printed as one line and the exit code is 2.</summary>
internal sealed class CliException(string message) : Exception(message);
