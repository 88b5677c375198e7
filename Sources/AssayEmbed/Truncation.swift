import AssayCore

/// How many texts a model's input limit cuts, and by how much: MiniLM reads the first 256 word pieces
/// of a text (`[CLS]` and `[SEP]` included) and never sees the rest.
///
/// A text of p word pieces is a sequence of p + 2 with `[CLS]` and `[SEP]`; with a limit of L it loses
/// max(0, p + 2 − L) pieces (`WordPieceTokenizer.encode(_:maxLength:)`).
public struct Truncation: Sendable, Equatable {
    /// The longest sequence the model takes, in word pieces with `[CLS]` and `[SEP]`.
    public var maxLength: Int
    /// Texts counted.
    public var rows: Int
    /// Texts longer than `maxLength`, so cut.
    public var rowsCut: Int
    /// Word pieces cut from all texts together.
    public var piecesCut: Int
    /// The most word pieces cut from one text; 0 when none was cut.
    public var largestCut: Int

    public init(maxLength: Int, rows: Int = 0, rowsCut: Int = 0, piecesCut: Int = 0, largestCut: Int = 0) {
        self.maxLength = maxLength
        self.rows = rows
        self.rowsCut = rowsCut
        self.piecesCut = piecesCut
        self.largestCut = largestCut
    }

    /// Counts what `maxLength` cuts from `texts`, tokenizing each text in full with `tokenizer` (no
    /// embedding), in parallel over chunks of texts.
    ///
    /// - Complexity: O(n · p) as `WordPieceTokenizer.wordPieceIDs(_:)`, for n bytes of all the texts.
    public init(texts: [String], tokenizer: WordPieceTokenizer, maxLength: Int) {
        let chunk = 256
        let chunks = (texts.count + chunk - 1) / chunk
        let parts = ParallelMap.map(0..<chunks) { index in
            var part = Truncation(maxLength: maxLength)
            for text in texts[(index * chunk)..<min(texts.count, (index + 1) * chunk)] {
                part.add(sequenceLength: tokenizer.wordPieceIDs(text).count + 2)
            }
            return part
        }
        self.init(maxLength: maxLength)
        for part in parts {
            rows += part.rows
            rowsCut += part.rowsCut
            piecesCut += part.piecesCut
            largestCut = max(largestCut, part.largestCut)
        }
    }

    /// Counts one text whose sequence, `[CLS]` and `[SEP]` included, is `length` word pieces long.
    mutating func add(sequenceLength length: Int) {
        rows += 1
        let cut = length - maxLength
        guard cut > 0 else { return }
        rowsCut += 1
        piecesCut += cut
        largestCut = max(largestCut, cut)
    }
}
