namespace Refrain.Demo;

/// <summary>A demo step that did not work; its message is printed as the error line.</summary>
internal sealed class DemoException(string message) : Exception(message);
