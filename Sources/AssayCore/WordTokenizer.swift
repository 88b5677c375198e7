/// The word tokenizer every lexical metric shares: Unicode-aware, lowercasing, working on UTF-8 bytes.
///
/// A token is a maximal run of word characters — Unicode letters, combining marks and digits —
/// lowercased with the Unicode lowercase mapping. An apostrophe (U+0027 or U+2019, written as U+0027)
/// between a word character and a word character stays inside the token ("didn't", "n't"); every
/// other character (spaces, punctuation, symbols, emoji) separates tokens and is dropped. A token that
/// holds a character of a script written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) is split
/// further into words by ICU's dictionary word break iterator (`UnspacedSegmenter`).
///
/// ASCII takes a byte-at-a-time fast path; other scalars are decoded and classified through
/// `Unicode.Scalar.Properties`.
public struct WordTokenizer: Sendable {
    public init() {}

    /// Calls `body` with the lowercased UTF-8 bytes of each token of `text`, in order.
    ///
    /// The buffer passed to `body` is only valid during the call.
    /// - Complexity: O(bytes of `text`).
    public func forEachToken(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var token = TokenBuffer()
            defer { token.deallocate() }
            // Whether the token holds a character of an unspaced script, to be segmented by ICU.
            var unspaced = false
            func emit() {
                if unspaced {
                    UnspacedSegmenter.forEachWord(in: token.bytes, body)
                    unspaced = false
                } else {
                    body(token.bytes)
                }
                token.count = 0
            }
            var i = 0
            let end = bytes.count
            while i < end {
                let byte = bytes[i]
                if byte < 0x80 {
                    if WordTokenizer.isASCIIWordByte(byte) {
                        token.append(byte | (byte &- 0x41 < 26 ? 0x20 : 0))
                    } else if byte == 0x27, token.count > 0, i + 1 < end,
                        WordTokenizer.startsWordCharacter(bytes, at: i + 1)
                    {
                        token.append(0x27)
                    } else if token.count > 0 {
                        emit()
                    }
                    i += 1
                    continue
                }
                let (scalar, length) = WordTokenizer.decode(bytes, at: i)
                switch WordTokenizer.markKind(scalar) {
                case .ignorable:
                    // Variation selectors and enclosing marks (emoji presentation, keycaps) belong to
                    // the symbol before them: neither a word character nor a separator.
                    i += length
                    continue
                case .combining:
                    // A combining mark continues a word (e + U+0301); on its own it is dropped.
                    if token.count > 0 { for k in i..<(i + length) { token.append(bytes[k]) } }
                    i += length
                    continue
                case .none:
                    break
                }
                if scalar.value == 0x2019, token.count > 0, i + length < end,
                    WordTokenizer.startsWordCharacter(bytes, at: i + length)
                {
                    token.append(0x27)
                } else if WordTokenizer.isWordScalar(scalar) {
                    if UnspacedSegmenter.isUnspaced(scalar) { unspaced = true }
                    if scalar.properties.changesWhenLowercased {
                        for byte in scalar.properties.lowercaseMapping.utf8 { token.append(byte) }
                    } else {
                        for k in i..<(i + length) { token.append(bytes[k]) }
                    }
                } else if token.count > 0 {
                    emit()
                }
                i += length
            }
            if token.count > 0 { emit() }
        }
    }

    /// The tokens of `text` as strings (for tests and reports; hot paths use `forEachToken`).
    public func tokens(_ text: String) -> [String] {
        var result: [String] = []
        forEachToken(in: text) { result.append(String(decoding: $0, as: UTF8.self)) }
        return result
    }

    @inline(__always)
    static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte &- 0x30 < 10) || ((byte | 0x20) &- 0x61 < 26)
    }

    /// Letters (including the alphabetic marks of Indic scripts) and digits start or continue a word.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    enum MarkKind {
        /// Not a mark.
        case none
        /// A combining mark that continues the word before it.
        case combining
        /// A variation selector or enclosing mark: skipped.
        case ignorable
    }

    static func markKind(_ scalar: Unicode.Scalar) -> MarkKind {
        let value = scalar.value
        if (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value) { return .ignorable }
        switch scalar.properties.generalCategory {
        case .enclosingMark: return .ignorable
        case .nonspacingMark, .spacingMark: return scalar.properties.isAlphabetic ? .none : .combining
        default: return .none
        }
    }

    static func startsWordCharacter(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 { return isASCIIWordByte(byte) }
        return isWordScalar(decode(bytes, at: index).scalar)
    }

    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        UTF8Scalar.decode(bytes, at: index)
    }
}

/// A growable byte buffer for the token being scanned, without Array's per-append bookkeeping.
private struct TokenBuffer {
    private var storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 256)
    var count = 0

    var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: storage[0..<count])
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == storage.count {
            let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: storage.count * 2)
            _ = larger.initialize(fromContentsOf: storage)
            storage.deallocate()
            storage = larger
        }
        storage[count] = byte
        count += 1
    }

    func deallocate() {
        storage.deallocate()
    }
}
