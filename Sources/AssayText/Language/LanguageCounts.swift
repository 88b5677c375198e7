/// How many rows of each language a set holds, for the warnings about rows not in English.
public struct LanguageCounts: Sendable, Equatable {
    /// Rows per language, `und` left out.
    public let rows: [String: Int]

    /// The counts of `guesses`' languages, rows too short to identify left out.
    public init(_ guesses: [LanguageGuess]) {
        var rows: [String: Int] = [:]
        for guess in guesses where guess.language != LanguageIdentifier.undetermined {
            rows[guess.language, default: 0] += 1
        }
        self.rows = rows
    }

    /// The identified rows.
    public var identified: Int { rows.values.reduce(0, +) }

    /// The identified rows not in English.
    public var notEnglish: Int { identified - (rows["en"] ?? 0) }

    /// Whether more than half of the identified rows are not in English.
    public var mostlyNotEnglish: Bool { identified > 0 && 2 * notEnglish > identified }

    /// The five commonest languages other than English with their rows, most first: "de 38, fr 2".
    public var otherLanguages: String {
        rows.filter { $0.key != "en" }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(5).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
