import AssayCore
import Foundation

/// The two keys duplicate detection compares texts by: the exact key and the normalised text.
///
/// - The **exact key** is the text in Unicode Normalization Form KC (compatibility decomposition, then
///   canonical composition; Unicode Standard Annex #15). Texts that differ only in how the same characters
///   are encoded — "é" precomposed or as "e" + U+0301, the ligature "ﬁ" or "fi", fullwidth "Ａ" or "A" —
///   get the same key. Two texts are exact duplicates when their exact keys are equal.
/// - The **normalised text** is what near-duplicate detection (`NearDuplicates`) shingles. It starts from
///   the exact key and then, scalar by scalar:
///   1. lowercases with the Unicode lowercase mapping ("WORLD" → "world", "İ" → "i" + U+0307);
///   2. removes every punctuation character, Unicode general category P* (connector, dash, open, close,
///      initial quote, final quote, other): ASCII `! " # % & ' ( ) * , - . / : ; ? @ [ \ ] _ { }`, and
///      “ ” ‘ ’ « » — – … ¡ ¿ 、 。 and the like. Symbols (category S*: `$ + < = > ^ ` | ~`, €, emoji)
///      stay. A removed character joins its neighbours: "co-op" → "coop";
///   3. replaces every run of whitespace (the Unicode White_Space property: space, tab, newline, carriage
///      return, form feed, U+0085, U+2028, U+3000 and the other spaces) by one space, and drops the
///      whitespace at both ends.
///
///   So `"  Hello,\tWORLD!! "` → `"hello world"` and `"Ｆｕｌｌ－ｗｉｄｔｈ"` → `"fullwidth"`. Other
///   characters (letters, digits, marks, symbols, controls, format characters) are kept as they are.
///
/// Pure-ASCII text (almost all of it, in practice) is already in NFKC and takes a byte-at-a-time path with
/// a 128-entry table; other text is normalised by Foundation and then scanned scalar by scalar, once.
public enum TextNormalization {
    /// The exact-duplicate key of `text`: its Unicode NFKC form.
    ///
    /// - Complexity: O(n) for n UTF-8 bytes of `text`.
    public static func exactKey(_ text: String) -> String {
        ExactKey.of(text)
    }

    /// `text` in NFKC, lowercased, without punctuation, its whitespace runs collapsed to one space and
    /// trimmed (the rules are in the type's documentation).
    ///
    /// - Complexity: O(n) for n UTF-8 bytes of `text`.
    public static func normalized(_ text: String) -> String {
        var text = exactKey(text)
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var pendingSpace = false
            @inline(__always) func emit(_ byte: UInt8) {
                if pendingSpace {
                    if !output.isEmpty { output.append(0x20) }
                    pendingSpace = false
                }
                output.append(byte)
            }
            let table = asciiTable
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte < 0x80 {
                    let mapped = table[Int(byte)]
                    if mapped < 0x80 {
                        emit(mapped)
                    } else if mapped == whitespaceMark {
                        pendingSpace = true
                    }
                    i += 1
                    continue
                }
                let (scalar, length) = UTF8Scalar.decode(bytes, at: i)
                let properties = scalar.properties
                if properties.isWhitespace {
                    pendingSpace = true
                } else if isPunctuation(properties.generalCategory) {
                    // Dropped, joining its neighbours.
                } else if properties.changesWhenLowercased {
                    for mappedByte in properties.lowercaseMapping.utf8 { emit(mappedByte) }
                } else {
                    for k in i..<(i + length) { emit(bytes[k]) }
                }
                i += length
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Table entries above 0x7F: the ASCII byte is whitespace or punctuation.
    private static let whitespaceMark: UInt8 = 0xFE
    private static let punctuationMark: UInt8 = 0xFF

    /// For each ASCII byte: its lowercase form, `whitespaceMark` or `punctuationMark`, derived from the
    /// same Unicode properties as the non-ASCII path.
    private static let asciiTable: [UInt8] = (0..<128).map { value in
        let scalar = Unicode.Scalar(UInt8(value))
        if scalar.properties.isWhitespace { return whitespaceMark }
        if isPunctuation(scalar.properties.generalCategory) { return punctuationMark }
        return UInt8(value) &- 0x41 < 26 ? UInt8(value) | 0x20 : UInt8(value)
    }

    /// Whether `category` is one of the seven punctuation categories P*.
    private static func isPunctuation(_ category: Unicode.GeneralCategory) -> Bool {
        switch category {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}
