import AssayCore
import _FoundationICU

/// A writing system, by its ISO 15924 code ("Latn", "Cyrl", "Hani", "Jpan" …), from the Unicode Script property
/// of a text's letters.
///
/// Letters are the scalars with the Unicode Alphabetic property outside the Common and Inherited scripts (so an
/// Indic vowel sign is a letter and a combining accent is not); their script is ICU's (`uscript_getScript`), read
/// for the scalars below U+3000 from a table made once (`ScriptCounts.codes`).
/// Two scripts are merged into the writing system a language uses: Han with Hiragana or Katakana is Japanese
/// ("Jpan") and Hangul with Han is Korean ("Kore"); Hiragana or Katakana alone is "Jpan" too.
public struct Script: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The ISO 15924 code.
    public let code: String

    public init(_ code: String) { self.code = code }

    public var description: String { code }

    public static func < (a: Script, b: Script) -> Bool { a.code < b.code }

    public static let latin = Script("Latn")
    public static let cyrillic = Script("Cyrl")
    public static let arabic = Script("Arab")
    public static let devanagari = Script("Deva")
    public static let han = Script("Hani")
    public static let japanese = Script("Jpan")
    public static let korean = Script("Kore")
    /// No letters at all (digits, punctuation, emoji or nothing).
    public static let none = Script("Zyyy")

    /// The language of the scripts that one language alone writes among the ~30 most used: Han (Chinese),
    /// Japanese, Korean, Greek, Hebrew, Thai and the Indic and Caucasian scripts; nil for scripts shared by many
    /// languages (Latin, Cyrillic, Arabic, Devanagari), which `LanguageIdentifier` tells apart by n-grams.
    public var soleLanguage: String? { Script.soleLanguages[code] }

    static let soleLanguages: [String: String] = [
        "Hani": "zh", "Jpan": "ja", "Kore": "ko", "Grek": "el", "Hebr": "he", "Thai": "th", "Beng": "bn",
        "Gujr": "gu", "Knda": "kn", "Mlym": "ml", "Guru": "pa", "Taml": "ta", "Telu": "te", "Armn": "hy",
        "Geor": "ka", "Ethi": "am", "Khmr": "km", "Laoo": "lo", "Mymr": "my", "Sinh": "si", "Tibt": "bo",
    ]
}

/// The letters of a text counted by script, and the writing system they make.
public struct ScriptCounts: Sendable, Equatable {
    /// Latin and Cyrillic letters, the common cases, counted without the table.
    private var latin = 0
    private var cyrillic = 0
    /// Letters of other scripts per ICU script code (`UScriptCode` raw values, all below 256), made at the first.
    private var others: [Int]?
    /// Every letter counted.
    public private(set) var letters = 0

    public init() {}

    /// Counts the letters of `text`.
    public init(_ text: String) {
        var text = text
        text.withUTF8 { add(utf8: $0) }
    }

    /// Counts `scalar` when it is a letter.
    @inline(__always)
    public mutating func add(_ scalar: Unicode.Scalar) {
        add(code: ScriptCounts.scriptCode(scalar))
    }

    /// Counts a letter of ICU script `code`; nothing for nil.
    @inline(__always)
    private mutating func add(code: Int32?) {
        guard let code, code < 256 else { return }
        letters += 1
        switch code {
        case USCRIPT_LATIN.rawValue: latin += 1
        case USCRIPT_CYRILLIC.rawValue: cyrillic += 1
        default:
            if others == nil { others = [Int](repeating: 0, count: 256) }
            others?[Int(code)] += 1
        }
    }

    /// Counts the letters of `utf8`, a `String`'s UTF-8 (so valid), reading ASCII bytewise and other scalars'
    /// script from `codes`.
    mutating func add(utf8: UnsafeBufferPointer<UInt8>) {
        guard let bytes = utf8.baseAddress else { return }
        var asciiLetters = 0
        var offset = 0
        ScriptCounts.codes.withUnsafeBufferPointer { codes in
            while offset < utf8.count {
                let byte = bytes[offset]
                if byte < 0x80 {
                    asciiLetters &+= (byte | 0x20) &- 0x61 < 26 ? 1 : 0
                    offset += 1
                    continue
                }
                let value = UTF8Scalar.value(bytes, at: &offset)
                if value < UInt32(codes.count) {
                    let code = codes[Int(value)]
                    add(code: code == 0 ? nil : Int32(code))
                } else {
                    add(code: ScriptCounts.icuScriptCode(Unicode.Scalar(value).unsafelyUnwrapped))
                }
            }
        }
        latin += asciiLetters
        letters += asciiLetters
    }

    /// The ICU script code of every scalar below U+3000 (`scriptCode`), 0 for none: the scripts of Europe, the
    /// Middle East and India, Latin Extended Additional and the punctuation of U+2000–U+206F without a call into ICU.
    static let codes: [UInt8] = (0..<0x3000).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)), let code = icuScriptCode(scalar), code < 256 else { return 0 }
        return UInt8(code)
    }

    /// The ICU script code of a letter; nil for anything else (and for letters of the Common and Inherited
    /// scripts, and for codes past 255, of which ICU has none).
    @inline(__always)
    static func scriptCode(_ scalar: Unicode.Scalar) -> Int32? {
        let value = scalar.value
        if value < 0x80 {
            return (value | 0x20) &- 0x61 < 26 ? USCRIPT_LATIN.rawValue : nil
        }
        if value < UInt32(codes.count) {
            let code = codes[Int(value)]
            return code == 0 ? nil : Int32(code)
        }
        return icuScriptCode(scalar)
    }

    /// `scriptCode` without the table of `codes` (the table's bytes hold every code ICU has).
    static func icuScriptCode(_ scalar: Unicode.Scalar) -> Int32? {
        let value = scalar.value
        if value < 0x80 {
            return (value | 0x20) &- 0x61 < 26 ? USCRIPT_LATIN.rawValue : nil
        }
        // Latin-1 and Latin Extended-A/B are letters but for × and ÷; the Cyrillic block but for its signs and
        // combining marks (U+0482–U+0489).
        if value < 0x250, value >= 0xC0 { return value == 0xD7 || value == 0xF7 ? nil : USCRIPT_LATIN.rawValue }
        if value >= 0x400, value < 0x500, !(0x482...0x489).contains(value) { return USCRIPT_CYRILLIC.rawValue }
        // Alphabetic marks (the vowel signs of Indic scripts) count with their script's letters; other marks
        // belong to the Inherited script and are left out below.
        guard scalar.properties.isAlphabetic else { return nil }
        var status = U_ZERO_ERROR
        let code = swift_uscript_getScript(UChar32(bitPattern: value), &status)
        guard status.rawValue <= U_ZERO_ERROR.rawValue, code != USCRIPT_COMMON, code != USCRIPT_INHERITED else {
            return nil
        }
        return code.rawValue
    }

    /// Letters per ICU script code, Latin's included.
    private var counts: [Int] {
        var counts = others ?? [Int](repeating: 0, count: 256)
        counts[Int(USCRIPT_LATIN.rawValue)] = latin
        counts[Int(USCRIPT_CYRILLIC.rawValue)] = cyrillic
        return counts
    }

    /// The letters of `script` (by ISO 15924 code, before merging into "Jpan" or "Kore").
    public func letters(of script: String) -> Int {
        let counts = self.counts
        return counts.indices.filter { counts[$0] > 0 && ScriptCounts.shortName(Int32($0)) == script }.reduce(0) {
            $0 + counts[$1]
        }
    }

    /// The writing system with the most letters: Han with any kana is "Jpan", Hangul (with or without Han) is
    /// "Kore"; `Script.none` without letters. Ties go to the lower script code, so the result is deterministic.
    public var dominant: Script {
        guard letters > 0 else { return .none }
        // Latin and Cyrillic alone: a tie goes to Cyrillic ("Cyrl" < "Latn").
        guard others != nil else { return latin > cyrillic ? .latin : .cyrillic }
        let counts = self.counts
        var merged: [String: Int] = [:]
        let kana =
            counts[Int(USCRIPT_HIRAGANA.rawValue)] + counts[Int(USCRIPT_KATAKANA.rawValue)]
            + counts[Int(USCRIPT_KATAKANA_OR_HIRAGANA.rawValue)]
        let hangul = counts[Int(USCRIPT_HANGUL.rawValue)]
        for index in counts.indices where counts[index] > 0 {
            let code = Int32(index)
            let count = counts[index]
            var name = ScriptCounts.shortName(code)
            switch code {
            case USCRIPT_HIRAGANA.rawValue, USCRIPT_KATAKANA.rawValue, USCRIPT_KATAKANA_OR_HIRAGANA.rawValue:
                name = "Jpan"
            case USCRIPT_HANGUL.rawValue:
                name = "Kore"
            case USCRIPT_HAN.rawValue where kana > 0:
                name = "Jpan"
            case USCRIPT_HAN.rawValue where hangul > 0:
                name = "Kore"
            default:
                break
            }
            merged[name, default: 0] += count
        }
        let best = merged.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }
        return Script(best?.key ?? Script.none.code)
    }

    /// ICU's ISO 15924 code of a script.
    static func shortName(_ code: Int32) -> String {
        code >= 0 && code < 256 ? shortNames[Int(code)] : "Zzzz"
    }

    private static let shortNames: [String] = (0..<256).map { code in
        guard let name = swift_uscript_getShortName(UScriptCode(rawValue: Int32(code))) else { return "Zzzz" }
        return String(cString: name)
    }
}
