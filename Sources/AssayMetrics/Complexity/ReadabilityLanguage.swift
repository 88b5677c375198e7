import AssayReport

/// The languages whose readability formulas Assay computes, and the rule a side's main language picks.
///
/// A side's main language is the most common language of its rows (`LanguageIdentifier`), rows too short to
/// identify ("und") left out; its formulas apply to every row of the side, so that a short English row taken for
/// Dutch does not drop out of an English set's means (the notes count the rows of other languages).
/// - English: every formula of `Readability`, with English syllables (`Syllables.count`).
/// - German: the Flesch reading ease alone, by Amstad (1978): 180 − ASL − 58.5·ASW, with German syllables
///   (`Syllables.countGerman`); the grade formulas were fitted on American school grades and have no German form
///   here.
/// - French: the Flesch reading ease alone, by Kandel & Moles (1958): 207 − 1.015·ASL − 73.6·ASW, with French
///   syllables (`Syllables.countFrench`).
/// - Every other language: none, and the formulas are skipped with the reason. Syllable counts by English rules
///   say nothing of Chinese or Finnish, so those sides have no readability rather than a wrong one.
public enum ReadabilityLanguage: Sendable, Equatable {
    case english
    case german
    case french

    /// The rule of a language code; nil when Assay has no readability formula for it. "und" (no row long enough
    /// to identify) keeps the English formulas, as before languages were identified: its texts are too short for
    /// any formula to say much.
    public init?(code: String) {
        switch code {
        case "en", "und": self = .english
        case "de": self = .german
        case "fr": self = .french
        default: return nil
        }
    }

    /// The main language of rows of these languages (by count): the most common one other than "und", ties to
    /// the lower code (the first of `Evidence.mainLanguages`); "und" when every row is.
    static func mainLanguage(_ counts: [String: Int]) -> String {
        Evidence.mainLanguages(counts).first ?? "und"
    }

    /// A language code of up to 4 ASCII characters as a number, its bytes big-endian.
    static func pack(_ code: String) -> UInt32 {
        code.utf8.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The code `pack` packed.
    static func unpack(_ packed: UInt32) -> String {
        let bytes = (0..<4).map { UInt8(truncatingIfNeeded: packed >> (8 * (3 - $0))) }.filter { $0 != 0 }
        return String(decoding: bytes, as: UTF8.self)
    }
}
