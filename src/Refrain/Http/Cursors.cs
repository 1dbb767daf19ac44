using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Refrain.Http;

/// <summary>
/// Opaque keyset cursors bound to their query: the last id seen plus a fingerprint of the filters (and the caller's
/// account), so a cursor replayed against another query is refused rather than silently skipping rows.
/// </summary>
public static class Cursors
{
    /// <summary>A fingerprint of a query: the route and every filter value, in order.</summary>
    public static string Fingerprint(params object?[] parts)
    {
        var text = string.Join('\u001f', parts.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture) ?? "\u2400"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
    }

    /// <summary>
    /// One page from <paramref name="rows"/> read with a limit of <paramref name="take"/> + 1: the first <paramref name="take"/>
    /// mapped, and a cursor after the last of them when the extra row shows there is more.
    /// </summary>
    public static Page<T> Page<TRow, T>(IReadOnlyList<TRow> rows, int take, Func<TRow, T> map, Func<T, long> idOf, string fingerprint)
    {
        var page = rows.Take(take).Select(map).ToList();
        return new Page<T>(page, rows.Count > take ? Encode(idOf(page[^1]), fingerprint) : null);
    }

    public static string Encode(long lastId, string fingerprint) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"1.{fingerprint}.{lastId.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>
    /// Reads <paramref name="cursor"/>: null when absent (the first page); false with a reason when it is malformed or
    /// belongs to another query.
    /// </summary>
    public static bool TryDecode(string? cursor, string fingerprint, out long? afterId, out string error)
    {
        afterId = null;
        error = "";
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            error = "cursor is not a cursor this API issued";
            return false;
        }

        var parts = text.Split('.');
        if (parts.Length != 3 || parts[0] != "1" || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            error = "cursor is not a cursor this API issued";
            return false;
        }

        if (parts[1] != fingerprint)
        {
            error = "cursor belongs to another query: repeat the filters it was issued for, or start without a cursor";
            return false;
        }

        afterId = id;
        return true;
    }
}
