import AssayCore
import _FoundationICU

/// A text's language, as `LanguageIdentifier` judges it.
public struct LanguageGuess: Hashable, Sendable {
    /// ISO 639-1 ("en", "de", "zh" …), or `LanguageIdentifier.undetermined` ("und") for a text with too few
    /// letters or of a script the identifier has no language for.
    public let language: String
    /// The writing system of most of its letters.
    public let script: Script
    /// The letters counted (of every script).
    public let letters: Int
}

/// Identifies the language of a text, offline: the script of most of its letters first, then, for scripts many
/// languages share (Latin, Cyrillic, Arabic, Devanagari), naive Bayes over character 1–3-grams
/// (`LanguageProfiles`).
///
/// - The text is lowercased and folded as langdetect's profiles were (`normalized`); each run of characters that
///   are not letters of its main script (combining accents aside) becomes one space, and a space pads either end,
///   so grams such as " th" and "he " mark a word's edges.
/// - Every gram of 1–3 characters that is not all spaces counts once per occurrence; a gram none of the script's
///   languages has is skipped. Only the first `maximumLetters` letters of the main script are read.
/// - A text with fewer than `minimumLetters` letters is undetermined, as is a script the identifier has no
///   language for. Ties between languages go to the one listed first in the profiles.
public struct LanguageIdentifier: Sendable {
    /// The code of an undetermined language (ISO 639-2 "und").
    public static let undetermined = "und"
    /// Below this many letters a text is undetermined.
    public static let minimumLetters = 3
    /// The letters of the main script read for its n-grams.
    public static let maximumLetters = 1_000

    let profiles: LanguageProfiles

    public init(profiles: LanguageProfiles = .standard) {
        self.profiles = profiles
    }

    /// The language and script of `text`.
    /// - Complexity: O(characters of `text`).
    public func identify(_ text: String) -> LanguageGuess {
        var text = text
        return text.withUTF8 { identify(utf8: $0) }
    }

    /// The language and script of the text of `utf8`, a `String`'s UTF-8: its letters counted by script in one
    /// pass, its grams scored in a second.
    func identify(utf8: UnsafeBufferPointer<UInt8>) -> LanguageGuess {
        var counts = ScriptCounts()
        counts.add(utf8: utf8)
        let script = counts.dominant
        guard counts.letters >= LanguageIdentifier.minimumLetters else {
            return LanguageGuess(language: LanguageIdentifier.undetermined, script: script, letters: counts.letters)
        }
        guard let table = profiles.table(of: script) else {
            let language = script.soleLanguage ?? LanguageIdentifier.undetermined
            return LanguageGuess(language: language, script: script, letters: counts.letters)
        }
        let best = LanguageIdentifier.scores(of: utf8, table: table).best(among: table.languages.count)
        return LanguageGuess(language: table.languages[best], script: script, letters: counts.letters)
    }

    /// The summed quantised log-probabilities (`LanguageProfiles.quantize`) of the grams of the text of `utf8` in
    /// each of `table`'s languages.
    static func scores(of utf8: UnsafeBufferPointer<UInt8>, table: LanguageProfiles.Table) -> Tally {
        table.classes.withUnsafeBufferPointer { classes in
            table.unigrams.withUnsafeBufferPointer { unigrams in
                table.bigrams.withUnsafeBufferPointer { bigrams in
                    table.trigrams.withUnsafeBufferPointer { trigrams in
                        table.weights.withUnsafeBytes { weights in
                            let grams = Grams(
                                table: table, classes: classes, unigrams: unigrams, bigrams: bigrams,
                                trigrams: trigrams, weights: weights)
                            return grams.scores(of: utf8)
                        }
                    }
                }
            }
        }
    }

    /// A table's arrays while a text is scored.
    struct Grams {
        let table: LanguageProfiles.Table
        let classes: UnsafeBufferPointer<UInt16>
        let unigrams: UnsafeBufferPointer<Int32>
        let bigrams: UnsafeBufferPointer<Int32>
        let trigrams: UnsafeBufferPointer<UInt64>
        let weights: UnsafeRawBufferPointer

        /// The row of the weights of gram `row`.
        @inline(__always)
        func weights(_ row: Int32) -> UnsafeRawPointer {
            weights.baseAddress.unsafelyUnwrapped + Int(row) &* LanguageProfiles.Table.lanes
        }

        /// The row of the trigram `first`, `second`, `third` (letter numbers).
        @inline(__always)
        func trigram(_ first: Int, _ second: Int, _ third: Int) -> Int32 {
            let radix = table.radix
            let key = UInt32(truncatingIfNeeded: (first &* radix &+ second) &* radix &+ third)
            var slot = LanguageProfiles.Table.slot(key, shift: table.shift)
            while true {
                let entry = trigrams[slot]
                let found = UInt32(truncatingIfNeeded: entry >> 32)
                if found == key || found == UInt32.max { return Int32(truncatingIfNeeded: entry) }
                slot = (slot &+ 1) & (trigrams.count &- 1)
            }
        }

        /// The scores of the text of `utf8`: every gram of 1–3 of its normalised letters of the table's script,
        /// read as they come.
        func scores(of utf8: UnsafeBufferPointer<UInt8>) -> Tally {
            typealias Table = LanguageProfiles.Table
            var tally = Tally()
            guard let bytes = utf8.baseAddress else { return tally }
            let radix = table.radix
            let space = Int(Table.space)
            // The letter numbers of the two characters before the current one. The first character follows the
            // padding space and no character: `unknown`, which no gram has, stands for none.
            var previous = space
            var beforePrevious = Int(table.unknown)
            var letters = 0
            var offset = 0
            var ended = false
            while !ended {
                let character: Int
                if offset < utf8.count {
                    let value = UTF8Scalar.value(bytes, at: &offset)
                    let letterClass =
                        value < Table.classified
                        ? classes[Int(value)] : table.letterClass(Unicode.Scalar(value).unsafelyUnwrapped)
                    if letterClass == Table.mark { continue }
                    if letterClass == Table.separator {
                        // A run of separators is one space.
                        if previous == space { continue }
                        character = space
                    } else {
                        character = Int(letterClass)
                        letters += 1
                        if letters == LanguageIdentifier.maximumLetters { ended = true }
                    }
                } else if previous != space {
                    character = space
                    ended = true
                } else {
                    break
                }
                if character != space { tally.add(weights(unigrams[character])) }
                tally.add(weights(bigrams[previous &* radix &+ character]))
                tally.add(weights(trigram(beforePrevious, previous, character)))
                beforePrevious = previous
                previous = character
                if ended, character != space {
                    // The text stopped at the letter limit: close the last word.
                    tally.add(weights(bigrams[previous &* radix &+ space]))
                    tally.add(weights(trigram(beforePrevious, previous, space)))
                }
            }
            tally.flush()
            return tally
        }
    }

    /// Sums of weight rows by lane. A row's 32 bytes are read as 16 little-endian 16-bit numbers: masking and
    /// shifting split them into the bytes of even lanes and of odd lanes, summed in 16 bits (257 bytes fit) and
    /// added into 32-bit totals every 256 rows.
    struct Tally {
        /// The 16-bit sums of lanes 0, 2 … 14 and 16, 18 … 30, and of the odd lanes.
        private var even = (SIMD8<UInt16>(), SIMD8<UInt16>())
        private var odd = (SIMD8<UInt16>(), SIMD8<UInt16>())
        /// The rows in the 16-bit sums.
        private var pending = 0
        /// The totals, laid out as the 16-bit sums.
        private var totals = (even: (SIMD8<UInt32>(), SIMD8<UInt32>()), odd: (SIMD8<UInt32>(), SIMD8<UInt32>()))

        /// Adds the row of `LanguageProfiles.Table.lanes` bytes at `row`.
        @inline(__always)
        mutating func add(_ row: UnsafeRawPointer) {
            let low = SIMD8<UInt16>(repeating: 0xFF)
            let first = row.loadUnaligned(as: SIMD8<UInt16>.self)
            let second = row.loadUnaligned(fromByteOffset: 16, as: SIMD8<UInt16>.self)
            even.0 &+= first & low
            odd.0 &+= first &>> 8
            even.1 &+= second & low
            odd.1 &+= second &>> 8
            pending += 1
            if pending == 256 { flush() }
        }

        /// Adds the 16-bit sums into the totals and clears them. Inlined, so the sums stay in registers.
        @inline(__always)
        mutating func flush() {
            totals.even.0 &+= SIMD8(truncatingIfNeeded: even.0)
            totals.even.1 &+= SIMD8(truncatingIfNeeded: even.1)
            totals.odd.0 &+= SIMD8(truncatingIfNeeded: odd.0)
            totals.odd.1 &+= SIMD8(truncatingIfNeeded: odd.1)
            even = (SIMD8(), SIMD8())
            odd = (SIMD8(), SIMD8())
            pending = 0
        }

        /// The lane of the largest total among the first `count` (after `flush`); a tie goes to the first.
        func best(among count: Int) -> Int {
            withUnsafeBytes(of: totals) { totals in
                // The totals lie as even lanes 0–14, 16–30, then odd lanes 1–15, 17–31.
                func total(_ lane: Int) -> UInt32 {
                    totals.load(
                        fromByteOffset: 4 * ((lane & 1) << 4 | (lane >> 4) << 3 | (lane >> 1) & 7), as: UInt32.self)
                }
                var best = 0
                var top = total(0)
                for lane in 1..<count where total(lane) > top {
                    best = lane
                    top = total(lane)
                }
                return best
            }
        }
    }

    /// Whether `scalar` is a combining mark that is no letter (an accent of decomposed text): skipped, not a word's
    /// end.
    @inline(__always)
    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x300 else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Whether `scalar` is a letter of `script` (`ScriptCounts`' letters: an Indic vowel sign is one).
    @inline(__always)
    static func isLetter(_ scalar: Unicode.Scalar, of script: Script) -> Bool {
        guard let code = ScriptCounts.scriptCode(scalar) else { return false }
        switch script {
        case .latin: return code == USCRIPT_LATIN.rawValue
        case .cyrillic: return code == USCRIPT_CYRILLIC.rawValue
        case .arabic: return code == USCRIPT_ARABIC.rawValue
        case .devanagari: return code == USCRIPT_DEVANAGARI.rawValue
        default: return ScriptCounts.shortName(code) == script.code
        }
    }

    /// The simple lowercase mapping of a letter (by block for ASCII, Latin-1 and basic Cyrillic), folded as
    /// langdetect folded its profiles' text: Romanian ș ț as ş ţ, Persian ی as Arabic ي, and the letters
    /// U+1EA0–U+1EFF of Latin Extended Additional (Vietnamese ạ … ỹ) as ể.
    @inline(__always)
    static func normalized(_ scalar: Unicode.Scalar) -> UInt32 {
        let value = scalar.value
        switch value {
        case 0x41...0x5A, 0xC0...0xD6, 0xD8...0xDE, 0x410...0x42F: return value + 0x20
        case 0x400...0x40F: return value + 0x50
        case 0x61...0x7A, 0xDF...0xFF, 0x430...0x45F: return value
        case 0x218, 0x219: return 0x15F
        case 0x21A, 0x21B: return 0x163
        case 0x6CC: return 0x64A
        case 0x1EA0...0x1EFF: return 0x1EC3
        default:
            guard scalar.properties.changesWhenLowercased else { return value }
            return scalar.properties.lowercaseMapping.unicodeScalars.first?.value ?? value
        }
    }
}

extension LanguageIdentifier {
    /// The language of each of `texts`, in order, over every core.
    /// - Complexity: O(total characters).
    public func identify(_ texts: [String]) -> [LanguageGuess] {
        ParallelMap.map(0..<texts.count) { identify(texts[$0]) }
    }
}
