/// A place named in a text: the country it counts for and where it was found.
public struct PlaceMention: Sendable, Equatable {
    /// The ISO 3166-1 alpha-2 code of the country or territory (a key of `Gazetteer.countries`).
    public let country: String
    /// The name as written in the text, from its first word to its last ("Britain" of "Britain’s",
    /// "Americans", "Washington, D.C.").
    public let matched: String
    /// The UTF-8 offset of the name's first byte in the text.
    public let offset: Int
}
