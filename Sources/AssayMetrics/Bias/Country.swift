/// A country or territory of the gazetteer, with the regions a mention of it counts for.
public struct Country: Sendable, Equatable {
    /// The ISO 3166-1 alpha-2 code (XK for Kosovo, which has none).
    public let code: String
    /// The English short name ("Côte d'Ivoire", "United Kingdom").
    public let name: String
    /// One of `Gazetteer.continents`.
    public let continent: String
    /// The UN M49 intermediate region where M49 has one for the country, else its M49 sub-region
    /// (`Resources/gazetteer.tsv` lists the 22).
    public let subregion: String
}
