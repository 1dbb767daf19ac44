namespace Refrain.Listening.Uploads;

/// <summary>A request that is not a usable upload (no multipart body, no file part, several files); <see cref="Field"/> names the part at fault.</summary>
internal sealed class UploadFormatException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
