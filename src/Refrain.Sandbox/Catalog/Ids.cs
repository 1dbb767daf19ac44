using System.Globalization;

namespace Refrain.Sandbox;

/// <summary>Identifiers in the services' formats, drawn from the catalog's seeded generator.</summary>
internal sealed class Ids(Random random)
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private readonly HashSet<string> _issued = new(StringComparer.Ordinal);
    private int _designation;

    /// <summary>A Spotify id: 22 base-62 characters, never issued twice.</summary>
    public string Spotify()
    {
        while (true)
        {
            var id = string.Create(22, random, (span, r) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = Base62[r.Next(Base62.Length)];
                }
            });
            if (_issued.Add(id))
            {
                return id;
            }
        }
    }

    /// <summary>A MusicBrainz id: a version-4 UUID.</summary>
    public string Mbid()
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }

    /// <summary>A registrant code (three letters or digits) for one artist's label.</summary>
    public string Registrant() => string.Create(3, random, (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Alphanumeric[r.Next(Alphanumeric.Length)];
        }
    });

    /// <summary>An ISRC: country, registrant, two-digit year, five-digit designation (unique in the catalog).</summary>
    public string Isrc(string country, string registrant, int year) =>
        string.Create(CultureInfo.InvariantCulture, $"{country}{registrant}{year % 100:D2}{++_designation % 100000:D5}");
}
