import Synchronization

/// An immutable, columnar in-memory dataset: texts, labels interned to ids, attribute columns and
/// the source row of every record, plus a token stream built once on first use.
public struct Corpus: Sendable {
    /// Where the data came from, for the report.
    public struct Source: Sendable, Equatable {
        /// The path as the user gave it: a file, a folder of shards or a glob pattern.
        public var path: String
        public var format: DatasetFormat
        /// SHA-256 of the file's bytes, lowercase hex; for shards, the SHA-256 of their digests, each
        /// as lowercase hex and a newline, in order (what `sha256sum SHARDS | cut -c1-64 | sha256sum`
        /// prints).
        public var sha256: String
        /// The file's size, or the shards' total, as stored.
        public var byteCount: Int
        /// The files of a dataset read from a folder or a glob pattern, in the order they were read;
        /// nil for a single file.
        public var shards: [Shard]?
        /// The row numbers the data takes: lines (JSON Lines, blank ones too), records or elements, over every
        /// file; nil when not known.
        public var rowSpan: Int?

        public init(
            path: String, format: DatasetFormat, sha256: String, byteCount: Int, shards: [Shard]? = nil,
            rowSpan: Int? = nil
        ) {
            self.rowSpan = rowSpan
            self.path = path
            self.format = format
            self.sha256 = sha256
            self.byteCount = byteCount
            self.shards = shards
        }

        /// The shard file holding row number `row`, and the row's line (record, element) in it; nil for
        /// a dataset read from one file, or a row number outside the shards.
        ///
        /// - Complexity: O(log shards).
        public func location(ofRow row: Int) -> (file: String, line: Int)? {
            guard let shards else { return nil }
            // The first shard whose rows start at or after `row`; the one before it holds the row.
            var low = 0
            var high = shards.count
            while low < high {
                let middle = (low + high) / 2
                if shards[middle].rowOffset < row { low = middle + 1 } else { high = middle }
            }
            guard low > 0 else { return nil }
            let shard = shards[low - 1]
            return (shard.path, row - shard.rowOffset)
        }
    }

    /// One file of a dataset read from shards.
    ///
    /// Rows are numbered across the shards as in their concatenation: a row's number is its line
    /// (JSONL), record (CSV, TSV) or element (JSON array) in its shard plus the lines, records or
    /// elements of every shard before it.
    public struct Shard: Sendable, Equatable {
        /// The file: the folder joined with the file's name, or the path as the pattern matched it.
        public var path: String
        /// The row numbers the shards before this one take: its line (record, element) n is row
        /// `rowOffset + n`.
        public var rowOffset: Int
        /// The rows read from the file.
        public var rows: Int
        /// The file's size as stored.
        public var byteCount: Int
        /// SHA-256 of the file's bytes as stored, lowercase hex.
        public var sha256: String

        public init(path: String, rowOffset: Int, rows: Int, byteCount: Int, sha256: String) {
            self.path = path
            self.rowOffset = rowOffset
            self.rows = rows
            self.byteCount = byteCount
            self.sha256 = sha256
        }
    }

    public let source: Source
    /// The text of each row; several `--text-field`s are joined with a newline. For conversations and
    /// instructions, the part the corpus stands for (`part`).
    public private(set) var texts: [String]
    /// The fields the text came from.
    public let textFields: [String]
    /// The 1-based line (JSONL), element (JSON array) or record (CSV, TSV; header not counted) of each row
    /// in its file; for shards, in their concatenation (`Source.location(ofRow:)` maps it back).
    public let rowNumbers: [Int]
    /// The label field, or nil when the data is unlabelled.
    public let labelField: String?
    /// The distinct label values, sorted; `labels` index into it.
    public let labelNames: [String]
    /// The label id of each row, or nil when the data is unlabelled.
    public let labels: [Int32]?
    /// Attribute columns by field name.
    public let attributes: [String: [String]]
    /// Each text field's own values when there are several text fields (`texts` joins them).
    private let fieldTexts: [String: [String]]
    /// What the loader noted about how the data was read (for example, boolean labels read as
    /// classes), for the report's warnings.
    public let notes: [String]
    /// The prompt and response of each row, when rows are conversations or instructions.
    public let shape: ShapedColumns?
    /// The part of each example `texts` holds; nil for plain texts.
    public private(set) var part: TextPart?

    private var tokenCache: TokenCache

    public init(
        source: Source, texts: [String], textFields: [String], rowNumbers: [Int], labelField: String?,
        labelValues: [String]?, attributes: [String: [String]] = [:], fieldTexts: [String: [String]] = [:],
        shape: ShapedColumns? = nil, part: TextPart = .response, notes: [String] = []
    ) {
        self.notes = notes
        self.shape = shape
        self.part = shape == nil ? nil : part
        precondition(shape.map { $0.prompts.count == texts.count } ?? true, "one prompt and response per text")
        precondition(rowNumbers.count == texts.count, "one row number per text")
        precondition(fieldTexts.values.allSatisfy { $0.count == texts.count }, "one value per row in each text field")
        self.fieldTexts = fieldTexts
        self.source = source
        self.texts = texts
        self.textFields = textFields
        self.rowNumbers = rowNumbers
        self.attributes = attributes
        if let labelValues {
            precondition(labelValues.count == texts.count, "one label per text")
            let names = Array(Set(labelValues)).sorted()
            let ids = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
            self.labelField = labelField
            self.labelNames = names
            self.labels = labelValues.map { ids[$0] ?? 0 }
        } else {
            self.labelField = nil
            self.labelNames = []
            self.labels = nil
        }
        self.tokenCache = TokenCache()
    }

    /// The number of rows.
    public var count: Int { texts.count }

    /// The same rows with the texts of `part` (labels, attributes and row numbers unchanged); nil
    /// when the rows are plain texts.
    public func part(_ part: TextPart) -> Corpus? {
        guard let shape else { return nil }
        guard part != self.part else { return self }
        var copy = self
        copy.texts = shape.texts(part)
        copy.part = part
        copy.tokenCache = TokenCache()
        return copy
    }

    /// The rows `rows` (positions in this corpus, in the order given) as a corpus of their own: texts,
    /// labels, attributes, parts and row numbers carried over, so findings on it cite the rows' own lines.
    ///
    /// A class none of `rows` has is absent from the result's `labelNames`.
    /// - Complexity: O(rows · fields).
    public func selecting(rows: [Int]) -> Corpus {
        func pick<T>(_ values: [T]) -> [T] { rows.map { values[$0] } }
        let shape = self.shape.map { shape in
            ShapedColumns(
                layout: shape.layout, prompts: pick(shape.prompts), responses: pick(shape.responses),
                lastPrompts: pick(shape.lastPrompts), turns: pick(shape.turns), roleMasks: pick(shape.roleMasks),
                emptyTurns: pick(shape.emptyTurns))
        }
        return Corpus(
            source: source, texts: pick(texts), textFields: textFields, rowNumbers: pick(rowNumbers),
            labelField: labelField, labelValues: labels.map { ids in rows.map { labelNames[Int(ids[$0])] } },
            attributes: attributes.mapValues(pick), fieldTexts: fieldTexts.mapValues(pick), shape: shape,
            part: part ?? .response, notes: notes)
    }

    /// The texts of one text field, or the (joined) texts when `field` is nil or the only text field;
    /// nil when `field` is not a text field of the corpus.
    public func texts(field: String?) -> [String]? {
        guard let field, textFields.count > 1 else { return field == nil || textFields == [field] ? texts : nil }
        return fieldTexts[field]
    }
    public var isLabelled: Bool { labels != nil }

    /// The word tokens of every row, computed on first use and shared afterwards.
    ///
    /// - Complexity: O(total bytes) the first time, O(1) after.
    public var tokens: TokenStream {
        tokenCache.stream(for: texts)
    }

    /// Makes `stream` the corpus's tokens, for rows known by their words but not their texts (a sharded report's
    /// every row); the tokens must not have been computed yet.
    public func useTokens(_ stream: TokenStream) {
        precondition(stream.documentCount == count, "one document per row")
        tokenCache.store(stream)
    }

    /// The rows with each label id: `rowsByLabel[k]` lists the rows labelled `labelNames[k]`.
    ///
    /// - Complexity: O(N + K), computed on every call: keep the result rather than ask per class.
    public var rowsByLabel: [[Int]] {
        guard let labels else { return [] }
        var rows = Array(repeating: [Int](), count: labelNames.count)
        for (row, label) in labels.enumerated() { rows[Int(label)].append(row) }
        return rows
    }

    /// The number of rows with each label, by name.
    ///
    /// - Complexity: O(N + K), computed on every call: keep the result rather than ask per class.
    public var labelCounts: [String: Int] {
        Dictionary(uniqueKeysWithValues: zip(labelNames, rowsByLabel.map(\.count)))
    }
}

/// Holds a corpus's token stream once it has been built.
private final class TokenCache: Sendable {
    private let stored = Mutex<TokenStream?>(nil)

    func store(_ stream: TokenStream) {
        stored.withLock { cached in
            precondition(cached == nil, "the tokens are computed already")
            cached = stream
        }
    }

    func stream(for texts: [String]) -> TokenStream {
        stored.withLock { cached in
            if let cached { return cached }
            let stream = TokenStream(texts: texts)
            cached = stream
            return stream
        }
    }
}
