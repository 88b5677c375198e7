import AssayCore

/// How many texts are longer than MiniLM's input, how many it reads in windows, and how many it still
/// cuts, and by how much, under a `LongTextPolicy`.
///
/// A text of p word pieces is over the limit when p > 254 (a sequence of more than 256 with `[CLS]` and
/// `[SEP]`). It is read as `MiniLMEmbedder.windows(pieces:under:)`: under `.truncate` its first 254 word
/// pieces, under `.chunk` up to 8 windows reaching 1,150; it loses max(0, p − r) word pieces for r read
/// (`MiniLMEmbedder.piecesRead(under:)`).
public struct LongTexts: Sendable, Equatable {
    /// How the long texts were read.
    public var policy: LongTextPolicy
    /// Texts counted.
    public var rows: Int
    /// Texts of more than 254 word pieces: more than the model reads at once.
    public var rowsOverLimit: Int
    /// Texts read as more than one window: under `.chunk` every text over the limit, under `.truncate` none.
    public var rowsChunked: Int
    /// Texts of which some word pieces were not read: under `.truncate` every text over the limit, under
    /// `.chunk` those longer than the 8 windows reach (1,150 word pieces).
    public var rowsCut: Int
    /// Word pieces not read, of all texts together.
    public var piecesCut: Int
    /// The most word pieces not read of one text; 0 when every text was read whole.
    public var largestCut: Int

    public init(
        policy: LongTextPolicy, rows: Int = 0, rowsOverLimit: Int = 0, rowsChunked: Int = 0, rowsCut: Int = 0,
        piecesCut: Int = 0, largestCut: Int = 0
    ) {
        self.policy = policy
        self.rows = rows
        self.rowsOverLimit = rowsOverLimit
        self.rowsChunked = rowsChunked
        self.rowsCut = rowsCut
        self.piecesCut = piecesCut
        self.largestCut = largestCut
    }

    /// Counts `texts` under `policy`, tokenizing each text in full with `tokenizer` (no embedding), in
    /// parallel over chunks of texts.
    ///
    /// - Complexity: O(n · p) as `WordPieceTokenizer.wordPieceIDs(_:limit:)`, for n bytes of all the texts.
    public init(texts: [String], tokenizer: WordPieceTokenizer, policy: LongTextPolicy) {
        let chunk = 256
        let chunks = (texts.count + chunk - 1) / chunk
        let parts = ParallelMap.map(0..<chunks) { index in
            var part = LongTexts(policy: policy)
            for text in texts[(index * chunk)..<min(texts.count, (index + 1) * chunk)] {
                part.add(pieces: tokenizer.wordPieceIDs(text).count)
            }
            return part
        }
        self.init(policy: policy)
        for part in parts {
            rows += part.rows
            rowsOverLimit += part.rowsOverLimit
            rowsChunked += part.rowsChunked
            rowsCut += part.rowsCut
            piecesCut += part.piecesCut
            largestCut = max(largestCut, part.largestCut)
        }
    }

    /// Counts one text of `pieces` word pieces (`[CLS]` and `[SEP]` not included).
    mutating func add(pieces: Int) {
        rows += 1
        guard pieces > MiniLMEmbedder.windowLength else { return }
        rowsOverLimit += 1
        let windows = MiniLMEmbedder.windows(pieces: pieces, under: policy)
        if windows.count > 1 { rowsChunked += 1 }
        let cut = pieces - (windows.last?.upperBound ?? 0)
        guard cut > 0 else { return }
        rowsCut += 1
        piecesCut += cut
        largestCut = max(largestCut, cut)
    }
}
