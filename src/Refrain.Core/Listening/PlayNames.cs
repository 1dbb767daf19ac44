using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Refrain.Matching;

namespace Refrain.Listening;

/// <summary>
/// A play's normalised artist and title and their hash, remembered per (artist, title) for one file: a history repeats its
/// tracks (a million plays hold some ten thousand), so each is normalised and hashed once. Forgets everything when it
/// reaches <see cref="Capacity"/> names, which bounds its memory.
/// </summary>
internal sealed class PlayNames
{
    public const int Capacity = 50_000;

    private readonly Dictionary<(string Artist, string Title), Names> _known = [];

    /// <summary>How many names it holds now.</summary>
    public int Count => _known.Count;

    public Names Of(string artist, string title)
    {
        if (_known.TryGetValue((artist, title), out var names))
        {
            return names;
        }

        if (_known.Count == Capacity)
        {
            _known.Clear();
        }

        return _known[(artist, title)] = Compute(artist, title);
    }

    public static Names Compute(string artist, string title)
    {
        var normArtist = Normal(artist);
        var normTitle = Normal(title);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(normArtist + "\u001f" + normTitle), hash);
        return new Names(normArtist, normTitle, BinaryPrimitives.ReadInt64LittleEndian(hash), Convert.ToHexStringLower(hash[..10]));
    }

    // A name made only of punctuation normalises to nothing; its lower-case text still tells songs apart.
    private static string Normal(string text) => TextNormalizer.Normalize(text) is { Length: > 0 } n ? n : text.Trim().ToLowerInvariant();

    /// <param name="NameKey">The first 8 bytes of the SHA-256 of the normalised names, which the merge compares.</param>
    /// <param name="KeyHex">The first 10 bytes of that hash in hex, the ingest key's name part.</param>
    internal sealed record Names(string NormArtist, string NormTitle, long NameKey, string KeyHex);
}
