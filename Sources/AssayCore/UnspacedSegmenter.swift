import Synchronization
import _FoundationICU

/// Word segmentation of the scripts written without spaces between words — Han, Hiragana, Katakana, Thai, Lao,
/// Khmer and Myanmar — through ICU's dictionary-based word break iterator (the ICU the Swift toolchain's
/// Foundation ships and links, reached through its `_FoundationICU` module: `enumerateSubstrings(.byWords)` is
/// unavailable in swift-corelibs-foundation).
///
/// ICU's root word rules break Chinese and Japanese by its CJK dictionary (longest weighted match) and Thai, Lao,
/// Khmer and Myanmar by their own dictionaries; the segmentation is ICU's, fixed by the toolchain's ICU version,
/// but for one repair: the ま of the polite verb endings ました, ません, ます and ましょう, which the dictionary
/// splits off (ま | した), is joined to the rest. On `fixtures/language/ja.jsonl` that brings ICU's 259 words to 250
/// against 232 by hand (short units); Chinese is left as ICU splits it.
/// `WordTokenizer` hands it each token that holds a character of these scripts.
enum UnspacedSegmenter {
    /// Whether `scalar` belongs to a script written without spaces between words.
    @inline(__always)
    static func isUnspaced(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E00...0x0EFF,  // Thai, Lao
            0x1000...0x109F,  // Myanmar
            0x1780...0x17FF,  // Khmer
            0x3040...0x30FF,  // Hiragana, Katakana
            0x31F0...0x31FF,  // Katakana phonetic extensions
            0x3400...0x4DBF,  // CJK extension A
            0x4E00...0x9FFF,  // CJK unified ideographs
            0xF900...0xFAFF,  // CJK compatibility ideographs
            0xFF66...0xFF9F,  // halfwidth Katakana
            0x20000...0x3134F:  // CJK extensions B–G
            return true
        default:
            return false
        }
    }

    /// Calls `body` with the UTF-8 bytes of each word of `token` (a run of word characters, already lowercased) in
    /// order, as ICU's word break iterator splits it.
    static func forEachWord(in token: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let utf16 = Array(String(decoding: token, as: UTF8.self).utf16)
        guard let iterator = pool.acquire() else {
            body(token)
            return
        }
        defer { pool.release(iterator) }
        var status = U_ZERO_ERROR
        utf16.withUnsafeBufferPointer { swift_ubrk_setText(iterator, $0.baseAddress, Int32($0.count), &status) }
        guard status.rawValue <= U_ZERO_ERROR.rawValue else {
            body(token)
            return
        }
        var bounds = [Int(swift_ubrk_first(iterator))]
        var end = swift_ubrk_next(iterator)
        while end != UBRK_DONE {
            bounds.append(Int(end))
            end = swift_ubrk_next(iterator)
        }
        var k = 0
        while k + 1 < bounds.count {
            let start = bounds[k]
            var stop = bounds[k + 1]
            // ICU's dictionary lacks the polite forms ました, ません, ます, ましょう and splits off their ま: rejoin it.
            if k + 2 < bounds.count, stop - bounds[k] == 1, utf16[bounds[k]] == 0x307E,
                [0x3057, 0x3059, 0x305B].contains(utf16[stop])
            {
                k += 1
                stop = bounds[k + 1]
            }
            var word = String(decoding: utf16[start..<stop], as: UTF16.self)
            word.withUTF8 { body($0) }
            k += 1
        }
    }

    /// Word break iterators, opened once each (an open costs tens of microseconds, a reset of the text far less)
    /// and lent to one caller at a time.
    private static let pool = IteratorPool()

    private final class IteratorPool: Sendable {
        private let idle = Mutex<[Iterator]>([])

        /// An idle iterator, or a new one; nil when ICU cannot open one (the caller keeps the token whole).
        func acquire() -> OpaquePointer? {
            if let iterator = idle.withLock({ $0.popLast() }) { return iterator.pointer }
            var status = U_ZERO_ERROR
            let iterator = swift_ubrk_open(UBRK_WORD, "", nil, 0, &status)
            return status.rawValue <= U_ZERO_ERROR.rawValue ? iterator : nil
        }

        func release(_ iterator: OpaquePointer) {
            idle.withLock { $0.append(Iterator(pointer: iterator)) }
        }
    }

    /// An ICU break iterator, used by one thread at a time: the pool hands it out under its lock.
    private struct Iterator: @unchecked Sendable {
        let pointer: OpaquePointer
    }
}
