namespace Refrain.Listening.Connect;

/// <summary>What the callback tells the person in the browser: an HTTP status and one sentence (never a token or code).</summary>
internal sealed record ConnectResult(int Status, string Title, string Message);
