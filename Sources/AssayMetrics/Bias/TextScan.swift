import AssayCore
import Foundation

/// A word or punctuation mark of a text, as a byte range of its UTF-8 and a hash.
struct WordToken {
    static let word: UInt8 = 1
    static let capitalised: UInt8 = 2
    static let allCapitals: UInt8 = 4

    var start: Int
    var end: Int
    /// FNV-1a of the word's bytes, or of the punctuation mark's canonical form.
    var hash: UInt64
    var flags: UInt8

    var isWord: Bool { flags & WordToken.word != 0 }
    var isCapitalised: Bool { flags & WordToken.capitalised != 0 }
    var isAllCapitals: Bool { flags & WordToken.allCapitals != 0 }
}

/// A text cut into words and punctuation marks, with whether it has upper- and lowercase letters.
struct TextScan {
    private(set) var tokens: [WordToken] = []
    private(set) var hasUppercase = false
    private(set) var hasLowercase = false

    private static let apostropheHash = StableHash.string("'")
    private static let hyphenHash = StableHash.string("-")

    /// Cuts `bytes` (valid UTF-8) into tokens.
    ///
    /// - Complexity: O(bytes).
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        tokens.reserveCapacity(bytes.count / 4 + 1)
        var i = 0
        let end = bytes.count
        while i < end {
            let byte = bytes[i]
            if byte < 0x80 {
                if TextScan.isASCIIWordByte(byte) {
                    i = scanWord(bytes, from: i)
                } else {
                    if byte > 0x20, byte != 0x7F {
                        tokens.append(WordToken(start: i, end: i + 1, hash: TextScan.punctuationHash(byte), flags: 0))
                    }
                    i += 1
                }
                continue
            }
            let (scalar, length) = UTF8Scalar.decode(bytes, at: i)
            switch TextScan.classify(scalar) {
            case .word:
                i = scanWord(bytes, from: i)
                continue
            case .apostrophe:
                tokens.append(WordToken(start: i, end: i + length, hash: TextScan.apostropheHash, flags: 0))
            case .hyphen:
                tokens.append(WordToken(start: i, end: i + length, hash: TextScan.hyphenHash, flags: 0))
            case .space:
                break
            case .other:
                let hash = StableHash.bytes(UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]))
                tokens.append(WordToken(start: i, end: i + length, hash: hash, flags: 0))
            }
            i += length
        }
    }

    /// Appends the word starting at `start` and returns the index after it.
    private mutating func scanWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        var uppercase = 0
        var lowercase = 0
        var firstIsUpper = false
        while i < bytes.count {
            let byte = bytes[i]
            var isUpper = false
            var length = 1
            if byte < 0x80 {
                guard TextScan.isASCIIWordByte(byte) else { break }
                if byte &- 0x41 < 26 {
                    isUpper = true
                } else if byte &- 0x61 < 26 {
                    lowercase += 1
                }
            } else {
                let decoded = UTF8Scalar.decode(bytes, at: i)
                guard TextScan.classify(decoded.scalar) == .word else { break }
                length = decoded.length
                let properties = decoded.scalar.properties
                if properties.isUppercase || properties.generalCategory == .titlecaseLetter {
                    isUpper = true
                } else if properties.isLowercase {
                    lowercase += 1
                }
            }
            if isUpper {
                uppercase += 1
                if i == start { firstIsUpper = true }
            }
            i += length
        }
        var flags = WordToken.word
        if firstIsUpper { flags |= WordToken.capitalised }
        if uppercase >= 2, lowercase == 0 { flags |= WordToken.allCapitals }
        if uppercase > 0 { hasUppercase = true }
        if lowercase > 0 { hasLowercase = true }
        let hash = StableHash.bytes(UnsafeBufferPointer(rebasing: bytes[start..<i]))
        tokens.append(WordToken(start: start, end: i, hash: hash, flags: flags))
        return i
    }

    private enum ScalarClass { case word, apostrophe, hyphen, space, other }

    private static func classify(_ scalar: Unicode.Scalar) -> ScalarClass {
        switch scalar.value {
        case 0x2018, 0x2019, 0x02BC, 0x02BB: return .apostrophe
        case 0x2010, 0x2011: return .hyphen
        case 0x00A0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return .space
        default: break
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return .word }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .word
        default: return .other
        }
    }

    @inline(__always)
    private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10
    }

    @inline(__always)
    private static func punctuationHash(_ byte: UInt8) -> UInt64 {
        StableHash.finalize((StableHash.fnvOffset ^ UInt64(byte)) &* StableHash.fnvPrime)
    }
}
