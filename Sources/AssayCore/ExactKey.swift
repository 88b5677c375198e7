import Crypto
import Foundation

/// What makes two texts exact duplicates: equal Unicode NFKC forms (`TextNormalization` in AssayText
/// documents the rule), and the 64-bit digest of that form a shard state keeps of every row.
public enum ExactKey {
    /// The text in Unicode NFKC. Pure ASCII is already in NFKC and is returned as it is.
    ///
    /// - Complexity: O(n) for n UTF-8 bytes of `text`.
    public static func of(_ text: String) -> String {
        isASCII(text) ? text : text.precomposedStringWithCompatibilityMapping
    }

    /// The first 8 bytes, big-endian, of the SHA-256 of the UTF-8 of `of(text)`.
    ///
    /// Equal keys give equal digests; two distinct keys share a digest with probability 2⁻⁶⁴, so among a
    /// million distinct rows (5·10¹¹ pairs) a false exact duplicate is expected about once in 37 million
    /// datasets.
    /// - Complexity: O(n) for n UTF-8 bytes of `text`.
    public static func digest(_ text: String) -> UInt64 {
        var key = of(text)
        return key.withUTF8 { bytes in
            SHA256.hash(data: bytes).leadingUInt64
        }
    }

    /// Whether every byte of `text` is ASCII.
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var combined: UInt8 = 0
            for byte in bytes { combined |= byte }
            return combined < 0x80
        }
    }
}

extension SHA256.Digest {
    /// The digest's first 8 bytes as a big-endian integer: the 64-bit keys of shard states.
    var leadingUInt64: UInt64 { prefix(8).reduce(0) { $0 << 8 | UInt64($1) } }
}
