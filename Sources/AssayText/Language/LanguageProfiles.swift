import AssayCore
import Foundation

/// Character n-gram profiles of the languages that share a script, as naive Bayes log-probabilities, one table per
/// script: Latin (30 languages), Cyrillic (3), Arabic (3) and Devanagari (3).
///
/// Read from `language-profiles.tsv` (this module's resource, made by `scripts/language/make-profiles.py` from
/// the profiles of langdetect 1.0.9, Apache-2.0): per language and gram length n the count of each gram of 1–3
/// lowercased letters, where a space marks a word's edge (" th", "he "). A gram's weight for language l is
/// log(count / total_n(l) + 0.00005), langdetect's own smoothing (its α = 0.5 over a base frequency of 10,000):
/// one floor for every language, so a gram a language lacks costs every language alike however deep its profile.
public struct LanguageProfiles: Sendable {
    /// One script's languages and the weights of its grams.
    struct Table: Sendable {
        /// The languages, ISO 639-1, in lane order (at most 32).
        let languages: [String]
        /// Open addressing: a gram's key (`LanguageProfiles.key`) at the slot its hash picks, or the next free
        /// one; 0 marks an empty slot.
        let keys: [UInt64]
        /// The row of `weights` of the gram at each slot.
        let rows: [Int32]
        /// Per gram, its log-probability in each language, quantised (`quantize`): `lanes` bytes a row (lanes past
        /// `languages.count` are unused). A byte a weight keeps the table in the caches, where floats would not fit.
        let weights: [UInt8]
        let shift: UInt64

        /// The numbers of a row of `weights`.
        static let lanes = 32
    }

    let tables: [Script: Table]

    /// The probability added to every gram's: langdetect's smoothing, α = 0.5 over a base frequency of 10,000.
    static let floor = 0.5 / 10_000

    /// Log-probabilities as bytes: 0 for log(`floor`), the least any weight can be, to 255 for the greatest of
    /// `weights`, in equal steps (about 0.03 nats). Every language's weights share the offset and the step, so the
    /// language with the largest sum of bytes is the one with the largest sum of weights, to within the rounding.
    static func quantize(_ weights: [Double]) -> [UInt8] {
        let low = log(floor)
        let high = max(weights.max() ?? low, low + 1)
        return weights.map { UInt8((($0 - low) / (high - low) * 255).rounded()) }
    }

    /// The languages the profiles tell apart, by script.
    public var languages: [Script: [String]] { tables.mapValues(\.languages) }

    /// The key of a gram of one to three scalars (`a` and `b` zero for a shorter gram): 21 bits each.
    @inline(__always)
    static func key(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt64 {
        UInt64(a) << 42 | UInt64(b) << 21 | UInt64(c)
    }

    /// The profiles parsed from `language-profiles.tsv` in the module's resource bundle, once.
    ///
    /// A missing or unreadable file stops the program with a message naming the file: the binary was installed
    /// without its resource bundle.
    public static let standard: LanguageProfiles = {
        guard let url = Bundle.module.url(forResource: "language-profiles", withExtension: "tsv") else {
            fatalError(
                "The language profiles language-profiles.tsv are missing from the resource bundle \(Bundle.module.bundlePath); install the assay binary together with its Assay_AssayText.resources folder"
            )
        }
        do {
            return try LanguageProfiles(tsv: String(contentsOf: url, encoding: .utf8), name: url.lastPathComponent)
        } catch {
            fatalError(
                "The language profiles \(url.path) cannot be read (\(error)); reinstall assay with its resources")
        }
    }()

    /// Profiles from the text of a profiles file (format above); `name` names it in errors.
    public init(tsv: String, name: String) throws {
        var languages: [(code: String, script: Script)] = []
        var totals: [Int: [Double]] = [:]
        var grams: [(scalars: [UInt32], counts: [(language: Int, count: Double)])] = []
        for (index, line) in tsv.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            func bad(_ why: String) -> AssayError { AssayError(.input, file: name, line: index + 1, why) }
            switch fields[0] {
            case "@languages":
                languages = try fields.dropFirst().map { field in
                    let parts = field.split(separator: ":")
                    guard parts.count == 2 else { throw bad("a language is code:Script, not \(field)") }
                    return (String(parts[0]), Script(String(parts[1])))
                }
            case "@totals":
                guard fields.count == languages.count + 2, let n = Int(fields[1]), (1...3).contains(n) else {
                    throw bad("@totals takes n and one total per language")
                }
                totals[n] = try fields.dropFirst(2).map { field in
                    guard let total = Double(field) else { throw bad("a total is a number, not \(field)") }
                    return total
                }
            default:
                let scalars = fields[0].unicodeScalars.map(\.value)
                guard (1...3).contains(scalars.count), fields.count > 1 else { throw bad("a gram of 1–3 characters") }
                let counts = try fields.dropFirst().map { field -> (Int, Double) in
                    let parts = field.split(separator: ":")
                    guard parts.count == 2, let language = Int(parts[0]), languages.indices.contains(language),
                        let count = Double(parts[1])
                    else { throw bad("a count is language:count, not \(field)") }
                    return (language, count)
                }
                grams.append((scalars, counts))
            }
        }
        guard !languages.isEmpty, (1...3).allSatisfy({ totals[$0] != nil }) else {
            throw AssayError(.input, file: name, "no @languages line or not all three @totals lines")
        }
        var tables: [Script: Table] = [:]
        for script in Set(languages.map(\.script)).sorted() {
            let members = languages.indices.filter { languages[$0].script == script }
            guard members.count <= 32 else {
                throw AssayError(.input, file: name, "over 32 languages of script \(script)")
            }
            let lane = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1, $0) })
            var entries: [(key: UInt64, weights: [Double])] = []
            for gram in grams {
                let n = gram.scalars.count
                var weights = [Double](repeating: log(LanguageProfiles.floor), count: Table.lanes)
                var inScript = false
                for (language, count) in gram.counts {
                    guard let lane = lane[language], let total = totals[n]?[language] else { continue }
                    weights[lane] = log(count / total + LanguageProfiles.floor)
                    inScript = true
                }
                guard inScript else { continue }
                let padded = [UInt32](repeating: 0, count: 3 - n) + gram.scalars
                entries.append((LanguageProfiles.key(padded[0], padded[1], padded[2]), weights))
            }
            var bits = 1
            while 1 << bits < 2 * max(entries.count, 1) { bits += 1 }
            var keys = [UInt64](repeating: 0, count: 1 << bits)
            var rows = [Int32](repeating: 0, count: 1 << bits)
            let shift = UInt64(64 - bits)
            for (row, entry) in entries.enumerated() {
                var slot = Int(truncatingIfNeeded: (entry.key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                while keys[slot] != 0 { slot = (slot + 1) & (keys.count - 1) }
                keys[slot] = entry.key
                rows[slot] = Int32(row)
            }
            tables[script] = Table(
                languages: members.map { languages[$0].code }, keys: keys, rows: rows,
                weights: LanguageProfiles.quantize(entries.flatMap(\.weights)), shift: shift)
        }
        self.tables = tables
    }
}
