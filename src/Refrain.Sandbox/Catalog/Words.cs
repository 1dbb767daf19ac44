namespace Refrain.Sandbox;

/// <summary>The vocabulary the generated catalog is made of: plausible titles, names, albums and venues.</summary>
internal static class Words
{
    public static readonly string[] Adjectives =
    [
        "Midnight", "Golden", "Paper", "Electric", "Silent", "Broken", "Neon", "Wild", "Summer", "Hollow", "Velvet", "Crimson",
        "Distant", "Northern", "Fading", "Burning", "Silver", "Lonely", "Restless", "Endless", "Secret", "Careless", "Sweet",
        "Heavy", "Quiet", "Blue", "Little", "Last", "Open", "Frozen", "Early", "Perfect", "Strange", "Bright", "Dangerous",
        "Tender", "Borrowed", "Shining", "Lost", "Higher",
    ];

    public static readonly string[] Nouns =
    [
        "Hearts", "City", "Rain", "Lights", "River", "Dreams", "Highway", "Echoes", "Fire", "Skyline", "Shadows", "Waves",
        "Garden", "Letters", "Horizon", "Satellite", "Parade", "Mirrors", "Thunder", "Avenue", "Heaven", "Ocean", "Morning",
        "Stranger", "Diamonds", "Weekend", "Signal", "Harbour", "Window", "Radio", "Memories", "Summertime", "Gravity", "Love",
        "Stars", "Roses", "Daylight", "Ghosts", "Runaway", "Colours",
    ];

    public static readonly string[] Verbs =
    [
        "Chasing", "Holding", "Waiting for", "Dancing with", "Running from", "Falling for", "Dreaming of", "Calling", "Finding",
        "Leaving", "Burning", "Saving",
    ];

    public static readonly string[] Phrases =
    [
        "Don't Let Me Go", "I Will Follow", "Say It Again", "Take Me Home", "One More Night", "Never Enough", "All We Have",
        "Stay With Me", "Hold On", "Come Back Around", "Where We Belong", "Nothing Else Matters Now", "Tell Me Why", "Over Again",
        "Before You Go", "Better Days", "Stop and Stare", "If You Want It", "Here Comes the Night", "We Were Young",
    ];

    /// <summary>Titles that normalisers must not mangle: accents and non-Latin scripts.</summary>
    public static readonly string[] WorldTitles =
    [
        "Café Noir", "Déjà Vu", "Señorita Azul", "Über den Wolken", "Ça Ira", "Mañana Será", "Fjäril", "Smörgåsbord Blues",
        "青い夜", "星の歌", "夜明けのメロディ", "사랑의 노래", "Звезда", "Ночной город", "Καλοκαίρι", "Ямщик", "春の風", "밤하늘",
    ];

    public static readonly string[] FirstNames =
    [
        "Maya", "Jonas", "Elena", "Theo", "Nora", "Felix", "Lena", "Oscar", "Iris", "Leo", "Clara", "Hugo", "Ava", "Milo", "Zoë",
        "Björn", "Amélie", "Rafael", "Ingrid", "Marcus", "Chloe", "Sami", "Nina", "Adrian", "Ruby", "Tomás", "Freya", "Elliot",
        "Hana", "Jules",
    ];

    public static readonly string[] LastNames =
    [
        "Collins", "Berg", "Marchand", "Åkesson", "Rivera", "Holt", "Lindqvist", "Moreau", "Hayes", "Novak", "Castillo", "Brandt",
        "Okafor", "Sato", "Keller", "Duarte", "Walsh", "Fischer", "Costa", "Reyes", "Winter", "Lowe", "Ferreira", "Quinn",
        "Nakamura", "Sørensen", "Blake", "Mercer", "Vance", "Ortega",
    ];

    public static readonly string[] WorldArtists = ["ヨルノカゼ", "Сёстры Север", "하늘빛", "Los Hermanos Díaz", "Ελένη Μαρκου", "ミナミ"];

    public static readonly string[] AlbumWords =
    [
        "Afterglow", "Blueprints", "Northern Lights", "Small Hours", "Wide Awake", "Parallel Lines", "Open Roads", "Long Way Home",
        "Static", "Kaleidoscope", "First Light", "Glass House", "Slow Motion", "Tidal", "Ordinary Magic", "Night Drive",
        "Second Nature", "Paper Planes", "Weather Systems", "Golden Hour",
    ];

    public static readonly string[] Venues =
    [
        "Wembley Stadium", "the Royal Albert Hall", "Red Rocks", "Madison Square Garden", "the Olympia", "Glastonbury",
        "the Hollywood Bowl", "Budokan", "the Fillmore", "Roskilde",
    ];

    public static readonly string[] Remasters = ["Remastered 2011", "2009 Remaster", "2015 Remaster", "Remastered", "2019 Remaster"];

    public static readonly string[] Compilations =
    [
        "Greatest Hits", "Summer Hits {0}", "Now That's What I Call Music! {1}", "Indie Anthems", "Road Trip Classics",
        "Chill Evenings", "Hits of {0}", "Acoustic Love Songs",
    ];

    public static readonly string[] Remixers = ["Kaskade", "Nightshift", "Blue Hour", "DJ Mira", "Satellite Kids", "Tom Vale"];

    public static readonly string[] Countries = ["US", "GB", "SE", "DE", "FR", "JP", "CA", "AU", "NL", "KR"];

    public static readonly string[] Markets = ["AR", "AU", "BR", "CA", "DE", "ES", "FR", "GB", "JP", "MX", "NL", "SE", "US"];
}
