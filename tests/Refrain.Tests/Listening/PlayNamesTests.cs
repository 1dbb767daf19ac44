using Refrain.Listening;

namespace Refrain.Tests.Listening;

/// <summary>The per-file memory of normalised names gives what computing them afresh gives, and stays bounded.</summary>
public sealed class PlayNamesTests
{
    [Fact]
    public void RememberedNames_AreTheComputedOnes_AndTheSameObjectTheSecondTime()
    {
        var names = new PlayNames();

        var first = names.Of("Beyoncé", "Halo (Remastered)");
        var again = names.Of("Beyoncé", "Halo (Remastered)");

        Assert.Equal(PlayNames.Compute("Beyoncé", "Halo (Remastered)"), first);
        Assert.Same(first, again);
        Assert.Equal(1, names.Count);
    }

    [Fact]
    public void DifferentArtistOrTitle_GetsTheirOwnNames()
    {
        var names = new PlayNames();

        var a = names.Of("Adele", "Hello");
        var b = names.Of("Lionel Richie", "Hello");
        var c = names.Of("Adele", "Skyfall");

        Assert.Equal(3, new[] { a.NameKey, b.NameKey, c.NameKey }.Distinct().Count());
        Assert.Equal(3, new[] { a.KeyHex, b.KeyHex, c.KeyHex }.Distinct().Count());
        Assert.Equal(20, a.KeyHex.Length);
    }

    [Fact]
    public void AtCapacity_ItForgetsEverything_AndStillAnswersRight()
    {
        var names = new PlayNames();
        for (var i = 0; i < PlayNames.Capacity; i++)
        {
            names.Of("Artist", $"Song {i}");
        }

        Assert.Equal(PlayNames.Capacity, names.Count);
        var next = names.Of("Artist", "One more");

        Assert.Equal(1, names.Count);
        Assert.Equal(PlayNames.Compute("Artist", "One more"), next);
        Assert.Equal(PlayNames.Compute("Artist", "Song 7"), names.Of("Artist", "Song 7"));
    }

    [Fact]
    public void BuiltPlays_AreTheSame_WithOrWithoutTheMemory()
    {
        var names = new PlayNames();
        var with = PlayParser.Build("The Killers", "Mr. Brightside", "Hot Fuss", 1_706_774_400_000, 222_000, "extended", 1000, "3n3Ppam7vgaVa1iaRUc9Lp", names);
        var without = PlayParser.Build("The Killers", "Mr. Brightside", "Hot Fuss", 1_706_774_400_000, 222_000, "extended", 1000, "3n3Ppam7vgaVa1iaRUc9Lp");

        Assert.Equal(without, with);
        Assert.StartsWith("1706774400:", with.IngestKey, StringComparison.Ordinal);
    }
}
