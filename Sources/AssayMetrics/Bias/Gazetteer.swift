import AssayCore
import Foundation

/// The gazetteer Assay ships, and a matcher that finds the places a text names.
///
/// The data (`Resources/gazetteer.tsv`, sources in its header) holds the 193 UN member states and 53
/// territories with their continent and UN M49 subregion, and the names that point at them: capitals,
/// major cities, the US states, demonyms and aliases. Every mention maps to one country code; the caller
/// maps codes to continents and subregions through `countries`.
///
/// Matching rules:
/// - **Words, not substrings.** A text is cut into words (maximal runs of letters, digits and combining
///   marks) and single punctuation marks; whitespace only separates. A name matches a run of whole words,
///   so "Oman" is not found in "woman", "Niger" not in "Nigeria", "Mali" not in "Somalia", "India" not in
///   "Indiana" (which is itself a US state). The apostrophes ’ ‘ ʼ ʻ are read as ', and the hyphens
///   U+2010 and U+2011 as -. Names are stored in NFC; their NFD spellings match too.
/// - **Longest first.** Where several names start at a word, the longest that matches wins and its words
///   are not matched again: "New Mexico" is New Mexico, not Mexico; "Papua New Guinea" is not Guinea;
///   "South Sudan" is not Sudan; "Washington, D.C." is one mention. Some phrases are matched only to be
///   skipped (`nonPlaces`): "Latin America" is no mention of the US, "Indian Ocean" none of India.
/// - **Possessives and plurals.** The apostrophe is its own token, so "France's" and "Britain’s" match
///   France and Britain. Demonyms also match with an "s" ("Americans", "Nigerians", "South Africans"),
///   unless they end in s, sh, x, ese, nch, tch or man/men ("Swiss", "Irish", "Chinese", "French",
///   "Dutch", "Frenchman").
/// - **Case.** Names match as written, capitals included: "china" in "fine china" and "turkey" the bird
///   are no mention. They also match written all in capitals, as datelines and headlines write them
///   ("NEW YORK (Reuters)"), except the names whose capital letter is all that tells them from a word
///   (`NameRule.matchesInCapitals`: "JERSEY", "POLISH"). A text with no uppercase letter at all (some
///   data sets, SST-2 among them, are lowercased) is matched case-insensitively, except for the names in
///   `ambiguousNames` whose rule is case-sensitive (all but Georgian and Georgetown).
/// - **Ambiguous names** follow the rule `ambiguousNames` gives them (person names, food, the US state
///   Georgia and the country, "US" and "us").
///
/// - Complexity: `mentions(in:)` is O(bytes of the text): one pass cuts the text into words, a second
///   looks each word up in a dictionary from first word to the names that start with it.
public struct Gazetteer: Sendable {
    /// The gazetteer parsed from `gazetteer.tsv` in the module's resource bundle, once.
    ///
    /// A missing or unreadable file stops the program with a message naming the file: the binary was
    /// installed without its resource bundle.
    public static let standard: Gazetteer = {
        let name = "gazetteer.tsv"
        guard let url = Bundle.module.url(forResource: "gazetteer", withExtension: "tsv") else {
            fatalError(
                "The gazetteer \(name) is missing from the resource bundle \(Bundle.module.bundlePath); install the assay binary together with its Assay_AssayMetrics.resources folder"
            )
        }
        let tsv: String
        do {
            tsv = try String(contentsOf: url, encoding: .utf8)
        } catch {
            fatalError("The gazetteer \(url.path) cannot be read (\(error)); reinstall assay with its resources")
        }
        do {
            return try Gazetteer(tsv: tsv)
        } catch {
            fatalError("The shipped gazetteer does not parse: \(error)")
        }
    }()

    /// The six continents, in alphabetical order. North America includes Central America and the
    /// Caribbean; Europe includes Russia.
    public static let continents = ["Africa", "Asia", "Europe", "North America", "Oceania", "South America"]

    /// Every country and territory, by ISO 3166-1 alpha-2 code.
    public let countries: [String: Country]

    /// The subregions of the countries, sorted.
    public var subregions: [String] { Set(countries.values.map(\.subregion)).sorted() }

    /// The rows of the data, in order.
    let entries: [Entry]
    /// The names as written and in capitals, for texts with an uppercase letter.
    private let cased: PhraseTable
    /// The names lowercased, for texts without one (case-sensitive ambiguous names left out).
    private let folded: PhraseTable

    /// The places `text` names, in the order they appear.
    ///
    /// - Complexity: O(bytes of `text`).
    public func mentions(in text: String) -> [PlaceMention] {
        var text = text
        return text.withUTF8 { bytes in
            let scan = TextScan(bytes)
            return (scan.hasUppercase ? cased : folded).mentions(in: scan, bytes: bytes)
        }
    }
}

// MARK: - The data

extension Gazetteer {
    /// A row of the data.
    struct Entry: Sendable, Equatable {
        enum Kind: String, Sendable, CaseIterable {
            case country, territory, capital, city
            case usState = "us_state"
            case demonym, alias
        }

        let kind: Kind
        /// The name as written in text.
        let name: String
        /// The ISO 3166-1 alpha-2 code of the country it names.
        let country: String
    }

    /// A row of the data that cannot be read, with its line in the TSV.
    struct DataError: Error, CustomStringConvertible {
        let line: Int
        let message: String

        var description: String { "gazetteer.tsv line \(line): \(message)" }
    }

    /// Parses the gazetteer's TSV (the format the header of `Resources/gazetteer.tsv` describes) and builds the matcher.
    ///
    /// - Throws: `DataError` for a row with a wrong number of columns, an unknown kind, continent or
    ///   code, or a name that names two countries without an `ambiguousNames` rule to choose.
    /// - Complexity: O(rows).
    init(tsv: String) throws {
        var countries: [String: Country] = [:]
        var rows: [(entry: Entry, line: Int)] = []
        var sawHeader = false
        for (index, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if !sawHeader {
                guard fields == ["kind", "name", "country", "country_name", "continent", "subregion"] else {
                    throw DataError(line: number, message: "expected the header row first")
                }
                sawHeader = true
                continue
            }
            guard let kind = Entry.Kind(rawValue: fields[0]) else {
                throw DataError(line: number, message: "unknown kind \"\(fields[0])\"")
            }
            let isPlace = kind == .country || kind == .territory
            guard fields.count == (isPlace ? 6 : 3), !fields[1].isEmpty else {
                throw DataError(line: number, message: "a \(kind.rawValue) row has \(isPlace ? 6 : 3) columns")
            }
            let code = fields[2]
            guard code.utf8.count == 2, code.utf8.allSatisfy({ $0 &- 0x41 < 26 }) else {
                throw DataError(line: number, message: "\"\(code)\" is not an ISO 3166-1 alpha-2 code")
            }
            if isPlace {
                guard Gazetteer.continents.contains(fields[4]), !fields[5].isEmpty else {
                    throw DataError(line: number, message: "\"\(fields[4])\" is not one of the six continents")
                }
                guard countries[code] == nil else {
                    throw DataError(line: number, message: "\(code) has a second country row")
                }
                countries[code] = Country(code: code, name: fields[3], continent: fields[4], subregion: fields[5])
            }
            rows.append((Entry(kind: kind, name: fields[1], country: code), number))
        }
        for row in rows where countries[row.entry.country] == nil {
            throw DataError(line: row.line, message: "\(row.entry.country) has no country or territory row")
        }
        self.countries = countries
        self.entries = rows.map(\.entry)
        self.cased = try PhraseTable(rows: rows, folded: false)
        self.folded = try PhraseTable(rows: rows, folded: true)
    }
}

// MARK: - Ambiguous names

extension Gazetteer {
    /// How an ambiguous name is told apart from the word or the person it also is.
    ///
    /// Every condition looks at the words right before and after the name (compared lowercased); a name
    /// that fails them is not a mention, and a shorter name starting at the same word may still match.
    struct NameRule: Sendable {
        /// Which of two countries a name counts for, chosen by the rest of the text.
        struct Context: Sendable {
            /// The country the name counts for by default.
            let usual: String
            /// The country it counts for when the text has the context.
            let alternative: String
            /// Words whose presence anywhere in the text selects `alternative`.
            let words: Set<String>
            /// Countries a mention of which (by another name) selects `alternative`.
            let countries: Set<String>
        }

        /// Never matched in a lowercase-only text, where capitals cannot tell the place from the word.
        var caseSensitive = true
        /// Also matched written in capitals ("PARIS (Reuters)"), with the same conditions; false for the
        /// names whose capital letter is all that tells them from a word ("JERSEY", "POLISH").
        var matchesInCapitals = true
        /// Not a mention when the next word is one of these.
        var notBefore: Set<String> = []
        /// Not a mention when the previous word is one of these.
        var notAfter: Set<String> = []
        /// When set, a mention only right after one of these words.
        var onlyAfter: Set<String>?
        /// Also a first name: not a mention when the next word is capitalised, unless that word is one
        /// of `placeNouns` ("Paris Agreement") or starts a name of the gazetteer ("Sydney Australia",
        /// "Paris St Germain").
        var givenName = false
        /// Also a surname: not a mention when the previous word is capitalised, unless that word is one of
        /// `functionWords` (a sentence-initial "In", "The") or ends a place just matched.
        var surname = false
        /// An uppercase word that is also a lowercase one ("US", "us"): not a mention in a text with no
        /// lowercase letter, nor between two words in capitals ("HELP US NOW").
        var notInCapitals = false
        var context: Context?
    }

    /// The ambiguous names and their rules, by the name as the data writes it (a demonym's plural follows
    /// its singular). Every name here is case-sensitive unless stated.
    ///
    /// - Turkey: the bird. Not before a food word ("Turkey sandwich", "Turkey breast", "Turkey Trot") nor
    ///   after "Thanksgiving", "Christmas", "roast", "smoked", "wild" and the like.
    /// - Georgia: the US state unless the text also mentions the country's context — another name for
    ///   Georgia the country (Tbilisi, Batumi, Georgian), Russia, Armenia or Azerbaijan, or the words
    ///   Caucasus, Abkhazia, Abkhaz, Ossetia, Kremlin. The state is the default because English text, much
    ///   of it American, names the state more often than the country (its sports, schools, business and
    ///   elections), while reports on the country nearly always bring one of those words along. In AG News
    ///   (test and dev, 17,601 rows) the rule gives 35 mentions to the state and 8 to the country; read by
    ///   hand, 34 of the 35 are the state.
    /// - Jordan: the given name (Jordan Peterson) and the surname (Michael Jordan, Air Jordan): both rules.
    /// - Chad: the given name. Only after "in", "to", "from" or "of" ("troops in Chad"); the demonym
    ///   "Chadian" always counts.
    /// - China: "fine china"; case-sensitive only.
    /// - Guinea: not before "pig", "fowl", "hen", "worm" (and plurals).
    /// - Niger: case-sensitive only ("Niger Delta" is an alias of Nigeria).
    /// - Jersey: the garment; case-sensitive only ("New Jersey", "Jersey City" and "Jersey Shore" are US).
    /// - Cuba (Cuba Gooding Jr.), Paris (Paris Hilton), Sydney (Sydney Sweeney), Austin (Austin Butler),
    ///   Florence (Florence Pugh), Sofia (Sofia Coppola), Orlando (Orlando Bloom): given names.
    /// - Houston (Whitney Houston), Phoenix (Joaquin Phoenix), Washington (Denzel Washington), Columbus
    ///   (Christopher Columbus), Holland (Tom Holland): surnames.
    /// - US: the pronoun "us" when capitalised in a shouted text: `notInCapitals`; never case-insensitive.
    /// - Polish (to polish), Chile (chile pepper), Lima (lima beans): case-sensitive only.
    /// - Georgian (Georgian architecture, not case-sensitive): not before "era", "architecture", "style",
    ///   "period", "house", "terrace", "townhouse", "building", "mansion", "square".
    /// - Georgetown (the capital of Guyana, not case-sensitive): not before "University", "Law", "Hoyas".
    static let ambiguousNames: [String: NameRule] = [
        "Turkey": NameRule(
            notBefore: [
                "sandwich", "sandwiches", "dinner", "dinners", "breast", "breasts", "burger", "burgers", "bacon",
                "leg", "legs", "meat", "roast", "stuffing", "gravy", "club", "wrap", "wraps", "chili", "soup",
                "salad", "jerky", "slices", "sausage", "sausages", "meatballs", "baster", "fryer", "trot", "neck",
                "wing", "wings", "drumstick", "drumsticks", "mince", "day", "feathers", "hunting",
            ],
            notAfter: [
                "thanksgiving", "christmas", "roast", "roasted", "smoked", "wild", "stuffed", "sliced", "ground",
                "deli", "cold", "carve", "carved",
            ]),
        "Georgia": NameRule(
            context: NameRule.Context(
                usual: "US", alternative: "GE", words: ["caucasus", "abkhazia", "abkhaz", "ossetia", "kremlin"],
                countries: ["GE", "RU", "AM", "AZ"])),
        "Jordan": NameRule(givenName: true, surname: true),
        "Chad": NameRule(onlyAfter: ["in", "to", "from", "of"]),
        "China": NameRule(matchesInCapitals: false),
        "Guinea": NameRule(notBefore: ["pig", "pigs", "fowl", "fowls", "hen", "hens", "worm", "worms"]),
        "Niger": NameRule(matchesInCapitals: false),
        "Jersey": NameRule(matchesInCapitals: false),
        "Cuba": NameRule(givenName: true),
        "Paris": NameRule(givenName: true),
        "Sydney": NameRule(givenName: true),
        "Austin": NameRule(givenName: true),
        "Florence": NameRule(givenName: true),
        "Sofia": NameRule(givenName: true),
        "Orlando": NameRule(givenName: true),
        "Houston": NameRule(surname: true),
        "Phoenix": NameRule(surname: true),
        "Washington": NameRule(surname: true),
        "Columbus": NameRule(surname: true),
        "Holland": NameRule(surname: true),
        "US": NameRule(notInCapitals: true),
        "Polish": NameRule(matchesInCapitals: false),
        "Chile": NameRule(matchesInCapitals: false),
        "Lima": NameRule(matchesInCapitals: false),
        "Georgian": NameRule(
            caseSensitive: false,
            notBefore: [
                "era", "architecture", "style", "period", "house", "houses", "terrace", "terraces", "townhouse",
                "townhouses", "building", "buildings", "mansion", "square",
            ]),
        "Georgetown": NameRule(caseSensitive: false, notBefore: ["university", "law", "hoyas"]),
    ]

    /// Phrases that contain a name but name no country: matched like names (longest first, so their words
    /// are not matched again) and dropped. Continents and regions ("Latin America" would otherwise be
    /// America, "North American" American), seas, and dishes and people named after places.
    static let nonPlaces = [
        "North America", "South America", "Central America", "Latin America", "North American",
        "North Americans", "South American", "South Americans", "Central American", "Central Americans",
        "Latin American", "Latin Americans", "Pan American", "Pan-American", "Indian Ocean", "West Indian",
        "West Indians", "South China Sea", "East China Sea", "Rio Grande", "Rio Tinto", "French fries",
        "French toast", "Brussels sprouts", "Beef Wellington", "Indiana Jones",
    ]

    /// Capitalised words that may follow a place that is also a given name without making it a person.
    static let placeNouns: Set<String> = [
        "agreement", "accord", "accords", "airport", "harbour", "harbor", "olympics", "olympic", "games",
        "marathon", "fashion", "metro", "police", "zoo", "university", "city", "county", "river", "valley",
        "saint", "summit", "conference", "opera", "stock", "morning", "fc",
    ]

    /// Words that may stand capitalised before a place that is also a surname without making it a name:
    /// they are capitalised because they open a sentence or a title.
    static let functionWords: Set<String> = [
        "a", "an", "the", "in", "to", "from", "of", "and", "or", "but", "for", "with", "at", "on", "by", "via",
        "into", "near", "like", "unlike", "both", "including", "neighbouring", "neighboring", "visiting",
        "visit", "across", "as", "while", "than", "then", "now", "meanwhile", "against", "over", "under",
        "outside", "inside", "beyond", "through", "throughout", "within", "around", "since", "after",
        "before", "toward", "towards", "about", "between", "among", "where", "when", "if", "because",
        "although", "though", "so", "yet", "welcome", "leaving", "downtown", "greater", "central",
        "northern", "southern", "eastern", "western",
    ]
}
