import Testing

@testable import AssayCore

/// `TextChecks.firstInvalidUTF8Offset` (a table-driven check with an ASCII fast path) finds the same first
/// bad byte as the standard library's UTF-8 decoder, the reference.
@Suite struct UTF8CheckTests {
    /// The offset at which `Unicode.UTF8`'s decoder first reports an error.
    static func reference(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    static func check(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { TextChecks.firstInvalidUTF8Offset($0) }
    }

    @Test func handPickedSequences() {
        // é, an overlong "/", a UTF-16 surrogate (ED A0 80), U+10FFFF, past it (F4 90), a cut 3-byte sequence.
        #expect(Self.check(Array("plain ascii text, long enough for words".utf8)) == nil)
        #expect(Self.check(Array("caf\u{E9} — 😀 中文".utf8)) == nil)
        #expect(Self.check([0x61, 0x62, 0xC0, 0xAF]) == 2)
        #expect(Self.check(Array("abcdefgh".utf8) + [0xED, 0xA0, 0x80]) == 8)
        #expect(Self.check([0xF4, 0x8F, 0xBF, 0xBF]) == nil)
        #expect(Self.check([0x41, 0xF4, 0x90, 0x80, 0x80]) == 1)
        #expect(Self.check(Array("0123456789".utf8) + [0xE2, 0x82]) == 10)
        #expect(Self.check([0xFF]) == 0 && Self.check([]) == nil)
    }

    /// 20,000 seeded random sequences, mostly ASCII with lead and continuation bytes mixed in.
    @Test func randomSequencesAgreeWithTheStandardLibrary() {
        var random = SeededRandom(seed: 11, stream: "utf8-check")
        let pool: [UInt8] =
            Array(0x20...0x7E) + [
                0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
            ]
        let valid = Array("é—😀中".utf8)
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.below(40) {
                switch random.below(10) {
                case 0: bytes.append(pool[95 + random.below(pool.count - 95)])
                case 1: bytes += valid
                default: bytes.append(pool[random.below(95)])
                }
            }
            #expect(Self.check(bytes) == Self.reference(bytes), "\(bytes)")
        }
    }
}
