/// What the embedder read of the texts: how it read the texts longer than its input (in overlapping
/// windows, or cut), and per side how many rows were long, read in windows, and still cut, and by how much.
/// Written when the MiniLM embedder ran (its input is 256 word pieces, `[CLS]` and `[SEP]` included).
public struct EmbeddingSummary: Codable, Sendable, Equatable {
    /// The longest input the model takes, in word pieces with `[CLS]` and `[SEP]`.
    public var maxWordPieces: Int
    /// How a longer text was read: `chunk` or `truncate`.
    public var longText: String
    /// Under `chunk`: word pieces from one window's start to the next's; nil under `truncate`.
    public var windowStride: Int?
    /// Under `chunk`: the most windows a text is read as; nil under `truncate`.
    public var maxWindows: Int?
    public var original: LongRows?
    public var synthetic: LongRows?

    public init(
        maxWordPieces: Int, longText: String, windowStride: Int? = nil, maxWindows: Int? = nil,
        original: LongRows? = nil, synthetic: LongRows? = nil
    ) {
        self.maxWordPieces = maxWordPieces
        self.longText = longText
        self.windowStride = windowStride
        self.maxWindows = maxWindows
        self.original = original
        self.synthetic = synthetic
    }

    /// One side's rows: those longer than the input, those read in windows, and those of which some word
    /// pieces were not read. A row of p word pieces is over the limit when p + 2 > `maxWordPieces`; it
    /// loses max(0, p + 2 − `maxWordPieces`) under `truncate`, and max(0, p − r) under `chunk` for the
    /// r = `maxWordPieces` − 2 + (`maxWindows` − 1) · `windowStride` word pieces the windows reach.
    public struct LongRows: Codable, Sendable, Equatable {
        /// Rows embedded.
        public var rows: Int
        /// Rows longer than the model's input.
        public var rowsOverLimit: Int
        /// Rows read as more than one window (none under `truncate`).
        public var rowsChunked: Int
        /// Rows of which some word pieces were not read.
        public var rowsCut: Int
        /// Word pieces not read, of all rows together.
        public var piecesCut: Int
        /// The most word pieces not read of one row; 0 when every row was read whole.
        public var largestCut: Int

        public init(rows: Int, rowsOverLimit: Int, rowsChunked: Int, rowsCut: Int, piecesCut: Int, largestCut: Int) {
            self.rows = rows
            self.rowsOverLimit = rowsOverLimit
            self.rowsChunked = rowsChunked
            self.rowsCut = rowsCut
            self.piecesCut = piecesCut
            self.largestCut = largestCut
        }

        enum CodingKeys: String, CodingKey {
            case rows
            case rowsOverLimit = "rows_over_limit"
            case rowsChunked = "rows_chunked"
            case rowsCut = "rows_cut"
            case piecesCut = "pieces_cut"
            case largestCut = "largest_cut"
        }
    }

    enum CodingKeys: String, CodingKey {
        case maxWordPieces = "max_word_pieces"
        case longText = "long_text"
        case windowStride = "window_stride"
        case maxWindows = "max_windows"
        case original, synthetic
    }
}
