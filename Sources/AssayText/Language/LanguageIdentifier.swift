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
        var counts = ScriptCounts()
        for scalar in text.unicodeScalars { counts.add(scalar) }
        let script = counts.dominant
        guard counts.letters >= LanguageIdentifier.minimumLetters else {
            return LanguageGuess(language: LanguageIdentifier.undetermined, script: script, letters: counts.letters)
        }
        if let language = script.soleLanguage {
            return LanguageGuess(language: language, script: script, letters: counts.letters)
        }
        guard let table = profiles.tables[script] else {
            return LanguageGuess(language: LanguageIdentifier.undetermined, script: script, letters: counts.letters)
        }
        let scores = LanguageIdentifier.scores(of: text, script: script, table: table)
        var best = 0
        for lane in 1..<table.languages.count where scores[lane] > scores[best] { best = lane }
        return LanguageGuess(language: table.languages[best], script: script, letters: counts.letters)
    }

    /// The summed quantised log-probabilities (`LanguageProfiles.quantize`) of `text`'s grams in each of
    /// `table`'s languages (by lane).
    static func scores(of text: String, script: Script, table: LanguageProfiles.Table) -> [UInt32] {
        let grams = LanguageIdentifier.grams(of: text, script: script)
        // A row's 32 bytes are read as 16 little-endian 16-bit numbers: masking and shifting split them into the
        // bytes of even lanes and of odd lanes, summed in 16 bits (257 bytes fit) and added into 32-bit totals
        // every 256 grams.
        var totals = [UInt32](repeating: 0, count: LanguageProfiles.Table.lanes)
        var even = (SIMD8<UInt16>(), SIMD8<UInt16>())
        var odd = (SIMD8<UInt16>(), SIMD8<UInt16>())
        var pending = 0
        table.keys.withUnsafeBufferPointer { keys in
            table.rows.withUnsafeBufferPointer { rows in
                table.weights.withUnsafeBytes { weights in
                    let mask = keys.count - 1
                    let lanes = LanguageProfiles.Table.lanes
                    let low = SIMD8<UInt16>(repeating: 0xFF)
                    for key in grams {
                        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> table.shift)
                        var found = true
                        while keys[slot] != key {
                            if keys[slot] == 0 {
                                found = false
                                break
                            }
                            slot = (slot + 1) & mask
                        }
                        guard found else { continue }
                        let base = Int(rows[slot]) * lanes
                        let first = weights.loadUnaligned(fromByteOffset: base, as: SIMD8<UInt16>.self)
                        let second = weights.loadUnaligned(fromByteOffset: base + 16, as: SIMD8<UInt16>.self)
                        even.0 &+= first & low
                        odd.0 &+= first &>> 8
                        even.1 &+= second & low
                        odd.1 &+= second &>> 8
                        pending += 1
                        if pending == 256 {
                            LanguageIdentifier.flush(&totals, &even, &odd)
                            pending = 0
                        }
                    }
                }
            }
        }
        LanguageIdentifier.flush(&totals, &even, &odd)
        return totals
    }

    /// Adds the 16-bit sums of even and odd lanes into `totals` and clears them.
    @inline(__always)
    static func flush(
        _ totals: inout [UInt32], _ even: inout (SIMD8<UInt16>, SIMD8<UInt16>),
        _ odd: inout (SIMD8<UInt16>, SIMD8<UInt16>)
    ) {
        for k in 0..<8 {
            totals[2 * k] &+= UInt32(even.0[k])
            totals[2 * k + 1] &+= UInt32(odd.0[k])
            totals[16 + 2 * k] &+= UInt32(even.1[k])
            totals[16 + 2 * k + 1] &+= UInt32(odd.1[k])
        }
        even = (SIMD8<UInt16>(), SIMD8<UInt16>())
        odd = (SIMD8<UInt16>(), SIMD8<UInt16>())
    }

    /// The keys (`LanguageProfiles.key`) of `text`'s 1–3-grams over its normalised letters of `script`, in order.
    static func grams(of text: String, script: Script) -> [UInt64] {
        var grams: [UInt64] = []
        grams.reserveCapacity(3 * min(text.utf8.count, maximumLetters) + 3)
        let space: UInt32 = 0x20
        // The two characters before the current one; 0 before the padding space.
        var previous: UInt32 = space
        var beforePrevious: UInt32 = 0
        var letters = 0
        var ended = false
        var iterator = text.unicodeScalars.makeIterator()
        while !ended {
            let character: UInt32
            if let scalar = iterator.next() {
                if LanguageIdentifier.isLetter(scalar, of: script) {
                    character = LanguageIdentifier.normalized(scalar)
                    letters += 1
                    if letters == LanguageIdentifier.maximumLetters { ended = true }
                } else if previous != space, !LanguageIdentifier.isCombiningMark(scalar) {
                    character = space
                } else {
                    continue
                }
            } else if previous != space {
                character = space
                ended = true
            } else {
                break
            }
            if character != space { grams.append(LanguageProfiles.key(0, 0, character)) }
            if !(previous == space && character == space) {
                grams.append(LanguageProfiles.key(0, previous, character))
            }
            if beforePrevious != 0 { grams.append(LanguageProfiles.key(beforePrevious, previous, character)) }
            beforePrevious = previous
            previous = character
            if ended, character != space {
                // The text stopped at the letter limit: close the last word.
                grams.append(LanguageProfiles.key(0, previous, space))
                grams.append(LanguageProfiles.key(beforePrevious, previous, space))
            }
        }
        return grams
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
