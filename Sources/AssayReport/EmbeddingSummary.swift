/// What the embedder read of the texts: how many rows of each side its input limit cut, and by how much.
/// Written when the MiniLM embedder ran (its limit is 256 word pieces, `[CLS]` and `[SEP]` included).
public struct EmbeddingSummary: Codable, Sendable, Equatable {
    /// The longest input the model takes, in word pieces with `[CLS]` and `[SEP]`.
    public var maxWordPieces: Int
    public var original: TruncatedRows?
    public var synthetic: TruncatedRows?

    public init(maxWordPieces: Int, original: TruncatedRows? = nil, synthetic: TruncatedRows? = nil) {
        self.maxWordPieces = maxWordPieces
        self.original = original
        self.synthetic = synthetic
    }

    /// One side's rows and the word pieces cut from them: a row of p word pieces loses
    /// max(0, p + 2 − `maxWordPieces`).
    public struct TruncatedRows: Codable, Sendable, Equatable {
        /// Rows embedded.
        public var rows: Int
        /// Rows longer than the limit, so cut.
        public var rowsCut: Int
        /// Word pieces cut from all rows together.
        public var piecesCut: Int
        /// The most word pieces cut from one row; 0 when none was cut.
        public var largestCut: Int

        public init(rows: Int, rowsCut: Int, piecesCut: Int, largestCut: Int) {
            self.rows = rows
            self.rowsCut = rowsCut
            self.piecesCut = piecesCut
            self.largestCut = largestCut
        }

        enum CodingKeys: String, CodingKey {
            case rows
            case rowsCut = "rows_cut"
            case piecesCut = "pieces_cut"
            case largestCut = "largest_cut"
        }
    }

    enum CodingKeys: String, CodingKey {
        case maxWordPieces = "max_word_pieces"
        case original, synthetic
    }
}
