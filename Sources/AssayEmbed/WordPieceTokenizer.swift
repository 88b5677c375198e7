import AssayCore
import Foundation

/// The BERT uncased tokenizer of all-MiniLM-L6-v2: a basic tokenizer followed by WordPiece, giving the
/// token ids HuggingFace's fast `BertTokenizer` (the `tokenizers` library, which produced the reference)
/// gives with `do_lower_case = true`.
///
/// The text is processed in this order, as `../shared/reference/minilm_reference.json` documents:
/// 1. The special tokens `[PAD]`, `[UNK]`, `[CLS]`, `[SEP]` and `[MASK]` written literally in the text
///    (case-sensitive) become their own ids, as HuggingFace's added tokens do; the text between them is
///    tokenized on its own.
/// 2. Clean-up: U+0000, U+FFFD and the control characters (general categories Cc, Cf and Co, except tab,
///    line feed and carriage return) are removed; white space (the White_Space property) separates words.
/// 3. Every CJK unified or compatibility ideograph is a word of its own (kana and Hangul are not), bar
///    U+2B820…U+2B91F as in the fast tokenizer.
/// 4. Canonical decomposition (NFD), then every nonspacing mark (Mn) is dropped: "Café" → "cafe".
/// 5. Lowercasing, one scalar at a time with the Unicode lowercase mapping.
/// 6. Every punctuation character — ASCII 33–47, 58–64, 91–96 and 123–126, and the Unicode categories
///    P* — is a word of its own.
/// 7. WordPiece, word by word: the longest vocabulary entry that starts the word, then the longest
///    `##`-prefixed entry that continues it, and so on; a word with a position no entry matches, or longer
///    than `maxWordCharacters` scalars, is one `[UNK]`.
///
/// As in the fast tokenizer, the categories of steps 2, 4 and 6 are those of Unicode 8.0: a scalar assigned
/// later in one of them counts as a letter, and the seven scalars whose category has changed since keep
/// their 8.0 one. (Python's slow `BertTokenizer` uses its own Unicode version and the full CJK Extension E,
/// so it differs on those rare scalars.) The result was checked against the fast tokenizer on every Unicode
/// scalar between two letters and on 14,000 random mixed-script texts.
///
/// Vocabulary look-ups are `String` dictionary look-ups, so they compare by canonical equivalence; the
/// BERT vocabulary is all in NFD and the looked-up pieces are decomposed, so this is the same as the
/// code-point comparison of the reference implementation. ASCII text takes a byte-at-a-time path and
/// allocates nothing per character; only text with a scalar at or above U+00C0 goes through NFD.
public struct WordPieceTokenizer: Sendable {
    /// The id of `[PAD]`.
    public static let padID: Int32 = 0
    /// The id of `[UNK]`, which stands for any word WordPiece cannot split.
    public static let unknownID: Int32 = 100
    /// The id of `[CLS]`, which starts every encoded sequence.
    public static let classID: Int32 = 101
    /// The id of `[SEP]`, which ends every encoded sequence.
    public static let separatorID: Int32 = 102
    /// The longest word, in Unicode scalars after normalisation, WordPiece splits; longer ones are `[UNK]`.
    public static let maxWordCharacters = 100
    /// The sequence length all-MiniLM-L6-v2 was trained with (sentence-transformers' `max_seq_length`).
    public static let defaultMaxLength = 256

    /// The special tokens recognised when written literally in the text.
    private static let specialTokenNames = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]

    /// A special token as it is matched in the UTF-8 of the text.
    private struct SpecialToken: Sendable {
        let bytes: [UInt8]
        let id: Int32
    }

    /// Every entry, by id.
    private let entries: [String]
    /// Every entry, for the first piece of a word.
    private let wordStarts: [String: Int32]
    /// The `##` entries without their `##`, for the pieces after the first.
    private let continuations: [String: Int32]
    /// The most scalars of any entry of `wordStarts`: no longer piece needs looking up.
    private let longestStart: Int
    /// The most scalars of any entry of `continuations`.
    private let longestContinuation: Int
    private let specialTokens: [SpecialToken]

    /// Loads a BERT `vocab.txt`: one token per line, UTF-8, the 0-based line index being the id.
    ///
    /// - Throws: `AssayError` (`.input`) when the file cannot be read, is empty, is not UTF-8, or does
    ///   not have `[PAD]`, `[UNK]`, `[CLS]` and `[SEP]` at the ids of this tokenizer's constants.
    /// - Complexity: O(bytes of the file).
    public init(vocabularyFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AssayError(
                .input, file: path, "cannot read the WordPiece vocabulary; check the path (vocab.txt of the model)")
        }
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard !lines.isEmpty else {
            throw AssayError(.input, file: path, "the WordPiece vocabulary is empty; expected one token per line")
        }
        var vocabulary: [String] = []
        vocabulary.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            let content = line.last == 0x0D ? line.dropLast() : line
            guard let token = String(validating: content, as: UTF8.self) else {
                throw AssayError(.input, file: path, line: index + 1, "the token is not valid UTF-8")
            }
            vocabulary.append(token)
        }
        let expected: [(id: Int32, token: String)] = [
            (Self.padID, "[PAD]"), (Self.unknownID, "[UNK]"), (Self.classID, "[CLS]"), (Self.separatorID, "[SEP]"),
        ]
        for (id, token) in expected where Int(id) >= vocabulary.count || vocabulary[Int(id)] != token {
            throw AssayError(
                .input, file: path, line: Int(id) + 1,
                "expected the special token \(token) (id \(id)) on this line; is this a BERT uncased vocab.txt?")
        }
        self.init(vocabulary: vocabulary)
    }

    /// A tokenizer over `vocabulary`, whose indices are the ids. When a token appears twice, the later id
    /// wins, as in HuggingFace's `load_vocab`. The special ids stay the constants of this type whatever
    /// `vocabulary` holds: a test vocabulary needs no `[UNK]` entry.
    ///
    /// - Complexity: O(total length of the tokens).
    public init(vocabulary: [String]) {
        var wordStarts: [String: Int32] = [:]
        var continuations: [String: Int32] = [:]
        wordStarts.reserveCapacity(vocabulary.count)
        var longestStart = 0
        var longestContinuation = 0
        for (index, token) in vocabulary.enumerated() {
            guard let id = Int32(exactly: index) else { break }
            let scalars = token.unicodeScalars
            let length = scalars.count
            wordStarts[token] = id
            longestStart = max(longestStart, length)
            if length > 2, scalars.prefix(2).allSatisfy({ $0 == "#" }) {
                continuations[String(String.UnicodeScalarView(scalars.dropFirst(2)))] = id
                longestContinuation = max(longestContinuation, length - 2)
            }
        }
        self.entries = vocabulary
        self.wordStarts = wordStarts
        self.continuations = continuations
        self.longestStart = longestStart
        self.longestContinuation = longestContinuation
        self.specialTokens = Self.specialTokenNames.compactMap { name in
            wordStarts[name].map { SpecialToken(bytes: Array(name.utf8), id: $0) }
        }
    }

    /// The number of entries in the vocabulary (30,522 for all-MiniLM-L6-v2).
    public var vocabularySize: Int { entries.count }

    /// The WordPiece ids of `text`, without `[CLS]` and `[SEP]`: all of them, or the first `limit`.
    ///
    /// Tokenizing stops once `limit` pieces are found, so a long text costs no more than its beginning.
    /// - Complexity: O(n · p) for n bytes of `text` (counting only the bytes tokenized) and p the most
    ///   scalars of a vocabulary entry (18 for BERT): each piece is found by at most p dictionary look-ups.
    public func wordPieceIDs(_ text: String, limit: Int = .max) -> [Int32] {
        var ids: [Int32] = []
        ids.reserveCapacity(min(limit, text.utf8.count / 4 + 4))
        appendWordPieceIDs(of: text, to: &ids, limit: limit)
        if ids.count > limit { ids.removeSubrange(limit...) }
        return ids
    }

    /// The model input for `text`: `[CLS]`, the first `maxLength − 2` word pieces, `[SEP]`.
    ///
    /// `maxLength` below 2 counts as 2. Tokenizing stops once `maxLength − 2` pieces are found, so long
    /// texts cost no more than their beginning.
    /// - Complexity: O(n · p) as `wordPieceIDs(_:limit:)`, n counting only the bytes tokenized.
    public func encode(_ text: String, maxLength: Int = defaultMaxLength) -> [Int32] {
        let limit = max(maxLength, 2) - 2
        var ids: [Int32] = [Self.classID]
        ids.reserveCapacity(min(limit, text.utf8.count / 4 + 4) + 2)
        appendWordPieceIDs(of: text, to: &ids, limit: limit + 1)
        if ids.count > limit + 1 { ids.removeSubrange((limit + 1)...) }
        ids.append(Self.separatorID)
        return ids
    }

    /// The vocabulary entries of `ids`, for tests and debugging; an id outside the vocabulary is `[UNK]`.
    ///
    /// - Complexity: O(`ids.count`).
    public func tokens(_ ids: [Int32]) -> [String] {
        ids.map { id in entries.indices.contains(Int(id)) ? entries[Int(id)] : "[UNK]" }
    }

    // MARK: - Basic tokenizer

    /// Appends the pieces of `text` to `ids`, stopping once `ids` holds at least `limit` ids.
    private func appendWordPieceIDs(of text: String, to ids: inout [Int32], limit: Int) {
        var text = text
        text.withUTF8 { bytes in
            var word = WordBuffer()
            var segmentStart = 0
            if !specialTokens.isEmpty {
                var i = 0
                while i < bytes.count {
                    guard bytes[i] == 0x5B, let special = specialToken(in: bytes, at: i) else {
                        i += 1
                        continue
                    }
                    let segment = UnsafeBufferPointer(rebasing: bytes[segmentStart..<i])
                    guard appendSegment(segment, to: &ids, word: &word, limit: limit) else { return }
                    ids.append(special.id)
                    if ids.count >= limit { return }
                    i += special.bytes.count
                    segmentStart = i
                }
            }
            let rest = UnsafeBufferPointer(rebasing: bytes[segmentStart...])
            _ = appendSegment(rest, to: &ids, word: &word, limit: limit)
        }
    }

    /// The special token whose bytes start at `bytes[position]`, if any.
    private func specialToken(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> SpecialToken? {
        for special in specialTokens where position + special.bytes.count <= bytes.count {
            var matches = true
            for (offset, byte) in special.bytes.enumerated() where bytes[position + offset] != byte {
                matches = false
                break
            }
            if matches { return special }
        }
        return nil
    }

    /// Tokenizes text free of special tokens, decomposing it first when it has a scalar that may have a
    /// canonical decomposition (U+00C0 or above, whose UTF-8 starts with a byte ≥ 0xC3). False once `ids`
    /// holds `limit` ids.
    private func appendSegment(
        _ segment: UnsafeBufferPointer<UInt8>, to ids: inout [Int32], word: inout WordBuffer, limit: Int
    ) -> Bool {
        guard segment.contains(where: { $0 >= 0xC3 }) else {
            return appendNormalized(segment, to: &ids, word: &word, limit: limit)
        }
        var decomposed = String(decoding: segment, as: UTF8.self).decomposedStringWithCanonicalMapping
        return decomposed.withUTF8 { appendNormalized($0, to: &ids, word: &word, limit: limit) }
    }

    /// Cleans, splits, strips marks from and lowercases decomposed UTF-8, running WordPiece on each word.
    /// False once `ids` holds `limit` ids.
    private func appendNormalized(
        _ bytes: UnsafeBufferPointer<UInt8>, to ids: inout [Int32], word: inout WordBuffer, limit: Int
    ) -> Bool {
        var i = 0
        let end = bytes.count
        while i < end {
            let byte = bytes[i]
            if byte < 0x80 {
                i += 1
                switch byte {
                case 0x30...0x39, 0x61...0x7A:
                    word.appendASCII(byte)
                case 0x41...0x5A:
                    word.appendASCII(byte | 0x20)
                case 0x09, 0x0A, 0x0D, 0x20:
                    guard flush(&word, to: &ids, limit: limit) else { return false }
                case 0x00..<0x20, 0x7F:
                    continue
                default:  // the ASCII punctuation: 33–47, 58–64, 91–96, 123–126
                    guard flush(&word, to: &ids, limit: limit) else { return false }
                    word.appendASCII(byte)
                    guard flush(&word, to: &ids, limit: limit) else { return false }
                }
                continue
            }
            let scalar = Self.decodeScalar(bytes, at: &i)
            switch Self.kind(of: scalar) {
            case .dropped:
                continue
            case .separator:
                guard flush(&word, to: &ids, limit: limit) else { return false }
            case .single:
                guard flush(&word, to: &ids, limit: limit) else { return false }
                word.append(scalar)
                guard flush(&word, to: &ids, limit: limit) else { return false }
            case .letter:
                word.appendLowercased(scalar)
            }
        }
        return flush(&word, to: &ids, limit: limit)
    }

    /// Runs WordPiece on the word collected so far and empties it. False once `ids` holds `limit` ids.
    private func flush(_ word: inout WordBuffer, to ids: inout [Int32], limit: Int) -> Bool {
        if !word.isEmpty {
            appendPieces(of: word, to: &ids)
            word.removeAll()
        }
        return ids.count < limit
    }

    /// What the basic tokenizer does with a non-ASCII scalar.
    private enum ScalarKind {
        /// Removed: U+FFFD, a control, format or private-use character, or a nonspacing mark.
        case dropped
        /// White space: ends the current word.
        case separator
        /// A CJK ideograph or a punctuation character: a word of its own.
        case single
        /// Part of a word.
        case letter
    }

    private static func kind(of scalar: Unicode.Scalar) -> ScalarKind {
        let value = scalar.value
        if value == 0xFFFD { return .dropped }
        if isCJKIdeograph(value) { return .single }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .control, .format, .privateUse, .surrogate, .nonspacingMark:
            guard isInUnicode8(properties) else { return .letter }
            return unicode8Kind(value) ?? .dropped
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return isInUnicode8(properties) ? .single : .letter
        case .spacingMark, .otherSymbol:
            return unicode8Kind(value) ?? .letter
        default:
            return properties.isWhitespace ? .separator : .letter
        }
    }

    /// Whether the scalar was assigned by Unicode 8.0. HuggingFace's fast tokenizer (the reference) takes
    /// the categories Cc, Cf, Co, Mn and P* from Unicode 8.0 tables, so a control character, nonspacing
    /// mark or punctuation assigned later (U+061D ARABIC END OF TEXT MARK, U+2E43…, U+1ABF…) is kept as a
    /// letter there; this does the same. White space and lowercasing follow current Unicode there too.
    private static func isInUnicode8(_ properties: Unicode.Scalar.Properties) -> Bool {
        guard let age = properties.age else { return false }
        return age.major <= 8
    }

    /// The kind of the seven scalars whose general category has changed since Unicode 8.0 in a way that
    /// matters here (checked against the reference tokenizer over every scalar), by their 8.0 category.
    private static func unicode8Kind(_ value: UInt32) -> ScalarKind? {
        switch value {
        case 0x1885, 0x1886, 0xA9BD: return .letter  // Lo, Lo and Mc in 8.0, Mn now
        case 0x1734, 0x1171E: return .dropped  // Mn in 8.0, Mc now
        case 0x166D, 0x111C9: return .single  // Po in 8.0, So and Mn now
        default: return nil
        }
    }

    /// The ranges of HuggingFace's fast tokenizer: CJK Unified Ideographs, Extensions A–E and the CJK
    /// Compatibility Ideographs (and their supplement) — except U+2B820…U+2B91F, the start of Extension E,
    /// which the fast tokenizer (unlike the Python `_is_chinese_char`) leaves out, and so does this.
    private static func isCJKIdeograph(_ value: UInt32) -> Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
            0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }

    /// Decodes the multi-byte scalar starting at `bytes[i]` (valid UTF-8, as Swift strings are) and
    /// moves `i` past it.
    @inline(__always)
    private static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: inout Int) -> Unicode.Scalar {
        let (scalar, length) = UTF8Scalar.decode(bytes, at: i)
        i += length
        return scalar
    }

    // MARK: - WordPiece

    /// Appends the WordPiece ids of one normalised word: greedy longest match first, `[UNK]` for the whole
    /// word when some position has no match or the word is longer than `maxWordCharacters` scalars.
    private func appendPieces(of word: WordBuffer, to ids: inout [Int32]) {
        let count = word.count
        guard count <= Self.maxWordCharacters else {
            ids.append(Self.unknownID)
            return
        }
        // The common case: the whole word is an entry.
        if count <= longestStart, let id = wordStarts[word.string(0..<count)] {
            ids.append(id)
            return
        }
        let mark = ids.count
        var start = 0
        while start < count {
            let table = start == 0 ? wordStarts : continuations
            var end = min(count, start + (start == 0 ? longestStart : longestContinuation))
            var found: Int32?
            while end > start {
                if let id = table[word.string(start..<end)] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else {
                ids.removeSubrange(mark...)
                ids.append(Self.unknownID)
                return
            }
            ids.append(id)
            start = end
        }
    }
}

/// The scalars of the word being collected, as UTF-8 with the byte offset of each scalar.
private struct WordBuffer {
    private var bytes: [UInt8] = []
    private var starts: [Int] = []

    init() {
        bytes.reserveCapacity(64)
        starts.reserveCapacity(64)
    }

    /// The number of scalars.
    var count: Int { starts.count }
    var isEmpty: Bool { starts.isEmpty }

    @inline(__always)
    mutating func appendASCII(_ byte: UInt8) {
        starts.append(bytes.count)
        bytes.append(byte)
    }

    mutating func append(_ scalar: Unicode.Scalar) {
        starts.append(bytes.count)
        bytes.append(contentsOf: scalar.utf8)
    }

    /// Appends the Unicode lowercase mapping of `scalar` (one or more scalars).
    mutating func appendLowercased(_ scalar: Unicode.Scalar) {
        let properties = scalar.properties
        guard properties.changesWhenLowercased else {
            append(scalar)
            return
        }
        for lowered in properties.lowercaseMapping.unicodeScalars { append(lowered) }
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
    }

    /// The scalars `range` as a string (small strings, up to 15 UTF-8 bytes, allocate nothing).
    func string(_ range: Range<Int>) -> String {
        let lower = starts[range.lowerBound]
        let upper = range.upperBound == starts.count ? bytes.count : starts[range.upperBound]
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[lower..<upper]), as: UTF8.self)
        }
    }
}
