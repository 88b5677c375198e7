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
    ///
    /// A gram is read from a row of `weights` found through letters numbered densely: space is 0, the letters of the
    /// profiles' grams 1…n in scalar order, and `unknown` (n + 1) every other letter of the script, which no gram
    /// has. Unigrams and bigrams index `unigrams` and `bigrams` directly; trigrams, most of the grams and far too
    /// many for a direct table, are found in `trigrams` by hashing. A gram the profiles lack reads `absent`, a row of
    /// zeros, so it adds nothing to any language.
    final class Table: Sendable {
        /// The script of the table.
        let script: Script
        /// The languages, ISO 639-1, in lane order (at most 32).
        let languages: [String]
        /// The number of each letter of the grams, by its normalised scalar (`LanguageIdentifier.normalized`).
        let alphabet: [UInt32: UInt16]
        /// The letter numbers, space and `unknown` included: a gram's digits in this base make its number.
        let radix: Int
        /// The letter number, `separator` or `mark` of every scalar below `classified` (`letterClass`).
        let classes: [UInt16]
        /// The row of each unigram, by letter number.
        let unigrams: [Int32]
        /// The row of each bigram, by number (first · `radix` + second).
        let bigrams: [Int32]
        /// Open addressing over trigram numbers ((first · `radix` + second) · `radix` + third, below 2³² − 1): the
        /// number in the high 32 bits and the row in the low at the slot the number's hash picks or the next free
        /// one; a free slot is `UInt32.max` and `absent`, so a probe stops at the gram or at a free slot with the
        /// row to read either way.
        let trigrams: [UInt64]
        /// `trigrams`' slots are 2^(32 − shift).
        let shift: UInt32
        /// Per gram, commonest first, its log-probability in each language, quantised (`quantize`): `lanes` bytes a
        /// row (lanes past `languages.count` are unused), then the zero row `absent`. A byte a weight keeps the
        /// table in the caches, where floats would not fit.
        let weights: [UInt8]
        /// The row of zeros, the last.
        let absent: Int32

        /// The numbers of a row of `weights`.
        static let lanes = 32
        /// The number of a space, a word's edge.
        static let space: UInt16 = 0
        /// The class of a scalar that ends a word (neither a letter of the script nor a combining mark): the
        /// number of a space.
        static let separator: UInt16 = 0
        /// The class of a combining mark that is no letter: skipped.
        static let mark = UInt16.max
        /// The scalars `classes` holds.
        static let classified: UInt32 = 0x3000

        /// The number of every letter of the script the grams lack.
        var unknown: UInt16 { UInt16(radix - 1) }

        /// A gram of the profiles: its scalars, its weight by lane and the sum of its probabilities in the
        /// languages.
        typealias Entry = (scalars: [UInt32], weights: [Double], frequency: Double)

        /// The table of `script`'s `languages` with `entries`; `name` names the profiles in errors.
        ///
        /// The rows are laid out by frequency, the commonest grams first, so the rows most texts read share few
        /// cache lines, and the trigrams are placed commonest first, so they sit at the slot their hash picks.
        init(script: Script, languages: [String], entries: [Entry], name: String) throws {
            let space = UInt32(UInt8(ascii: " "))
            let letters = Set(entries.flatMap(\.scalars)).subtracting([space]).sorted()
            let radix = letters.count + 2
            // Trigram numbers stay below 2³² − 1, the mark of a free slot.
            guard radix * radix * radix < Int(UInt32.max) else {
                throw AssayError(.input, file: name, "over 1,623 letters in the grams of script \(script)")
            }
            var alphabet: [UInt32: UInt16] = [space: Table.space]
            for (index, letter) in letters.enumerated() { alphabet[letter] = UInt16(index + 1) }
            // A gram listed twice is read from its first row.
            var seen = Set<[UInt32]>()
            let firsts = entries.indices.filter { seen.insert(entries[$0].scalars).inserted }
            let order = firsts.sorted {
                entries[$0].frequency != entries[$1].frequency
                    ? entries[$0].frequency > entries[$1].frequency : $0 < $1
            }
            let quantized = LanguageProfiles.quantize(entries.flatMap(\.weights))
            var weights: [UInt8] = []
            weights.reserveCapacity((order.count + 1) * Table.lanes)
            for index in order { weights += quantized[index * Table.lanes..<(index + 1) * Table.lanes] }
            weights += [UInt8](repeating: 0, count: Table.lanes)
            let absent = Int32(order.count)
            var unigrams = [Int32](repeating: absent, count: radix)
            var bigrams = [Int32](repeating: absent, count: radix * radix)
            // At most an eighth of the slots full, so a probe mostly stops at its first slot (a quarter full was
            // 5–10% slower, half full 15–20%).
            let trigramCount = order.filter { entries[$0].scalars.count == 3 }.count
            var bits: UInt32 = 1
            while 1 << bits < 8 * trigramCount { bits += 1 }
            var trigrams = [UInt64](repeating: UInt64(UInt32.max) << 32 | UInt64(absent), count: 1 << bits)
            let shift = 32 - bits
            for (row, index) in order.enumerated() {
                let digits = entries[index].scalars.map { Int(alphabet[$0] ?? 0) }
                switch digits.count {
                // A space alone is no gram the text is read for.
                case 1: if digits[0] != 0 { unigrams[digits[0]] = Int32(row) }
                case 2: bigrams[digits[0] * radix + digits[1]] = Int32(row)
                default:
                    let key = UInt32((digits[0] * radix + digits[1]) * radix + digits[2])
                    var slot = Table.slot(key, shift: shift)
                    while trigrams[slot] >> 32 != UInt64(UInt32.max) { slot = (slot + 1) & (trigrams.count - 1) }
                    trigrams[slot] = UInt64(key) << 32 | UInt64(row)
                }
            }
            self.script = script
            self.languages = languages
            self.alphabet = alphabet
            self.radix = radix
            self.unigrams = unigrams
            self.bigrams = bigrams
            self.trigrams = trigrams
            self.shift = shift
            self.weights = weights
            self.absent = absent
            let unknown = UInt16(radix - 1)
            self.classes = (0..<Table.classified).map { value in
                guard let scalar = Unicode.Scalar(value) else { return Table.separator }
                return Table.letterClass(scalar, script: script, alphabet: alphabet, unknown: unknown)
            }
        }

        /// The first slot of trigram number `key` in a table of 2^(32 − `shift`) slots (Fibonacci hashing).
        @inline(__always)
        static func slot(_ key: UInt32, shift: UInt32) -> Int { Int((key &* 0x9E37_79B1) >> shift) }

        /// The class of any `scalar` (`classes` holds those below `classified`).
        func letterClass(_ scalar: Unicode.Scalar) -> UInt16 {
            Table.letterClass(scalar, script: script, alphabet: alphabet, unknown: unknown)
        }

        /// A letter of `script`'s number in `alphabet` (`unknown` if it has none), `mark` for a combining mark
        /// that is no letter, `separator` for anything else.
        static func letterClass(
            _ scalar: Unicode.Scalar, script: Script, alphabet: [UInt32: UInt16], unknown: UInt16
        ) -> UInt16 {
            if LanguageIdentifier.isLetter(scalar, of: script) {
                return alphabet[LanguageIdentifier.normalized(scalar)] ?? unknown
            }
            return LanguageIdentifier.isCombiningMark(scalar) ? Table.mark : Table.separator
        }
    }

    /// The tables of the scripts that share languages, in script order (a script one language alone writes,
    /// `Script.soleLanguage`, is never scored).
    let tables: [Table]

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
    public let languages: [Script: [String]]

    /// The table that scores the texts of `script`; nil for a script that one language alone writes or that no
    /// language of the profiles has.
    @inline(__always)
    func table(of script: Script) -> Table? {
        for table in tables where table.script == script { return table }
        return nil
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
        var tables: [Table] = []
        for script in Set(languages.map(\.script)).sorted() {
            let members = languages.indices.filter { languages[$0].script == script }
            guard members.count <= 32 else {
                throw AssayError(.input, file: name, "over 32 languages of script \(script)")
            }
            let lane = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1, $0) })
            var entries: [Table.Entry] = []
            for gram in grams {
                let n = gram.scalars.count
                var weights = [Double](repeating: log(LanguageProfiles.floor), count: Table.lanes)
                var frequency = 0.0
                for (language, count) in gram.counts {
                    guard let lane = lane[language], let total = totals[n]?[language] else { continue }
                    weights[lane] = log(count / total + LanguageProfiles.floor)
                    frequency += count / total
                }
                guard frequency > 0 else { continue }
                entries.append((gram.scalars, weights, frequency))
            }
            tables.append(
                try Table(script: script, languages: members.map { languages[$0].code }, entries: entries, name: name))
        }
        self.languages = Dictionary(uniqueKeysWithValues: tables.map { ($0.script, $0.languages) })
        self.tables = tables.filter { $0.script.soleLanguage == nil }
    }
}
