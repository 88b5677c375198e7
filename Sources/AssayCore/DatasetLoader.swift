import Crypto
import Foundation

/// Reads a JSONL, JSON-array, CSV or TSV file, plain or gzip- or zstd-compressed, or a Parquet file, into
/// a `Corpus`, checking every record.
///
/// Every problem is an `AssayError` of kind `.input` naming the file, the 1-based line and the
/// field, with a sentence saying how to fix it; nothing is half-loaded.
public enum DatasetLoader {
    /// The longest line or record accepted, in bytes.
    public static let maxRecordBytes = 16 << 20

    /// Loads `path`, in the format its extension names: one file, or every data file of a folder or
    /// matching a glob pattern (`data/train-*.jsonl.gz`), read in byte-wise name order as one dataset
    /// (`DatasetShards`).
    ///
    /// The shards must all be the same format; each may be compressed or not. Rows are numbered as in
    /// the shards' concatenation (`Corpus.Shard`), and an error names the shard and its own line.
    ///
    /// - Throws: `AssayError` (`.input`) for a missing or unreadable file, a folder or pattern without
    ///   data files, shards of different formats, malformed records, missing or mistyped fields, invalid
    ///   UTF-8, over-long lines, or no rows at all.
    /// - Complexity: O(bytes of the files).
    public static func load(path: String, fields: FieldOptions = FieldOptions()) throws -> Corpus {
        try load(path: path, fields: fields, attributesMayBeAbsent: false).corpus
    }

    /// Loads `path`; with `attributesMayBeAbsent`, an `--attr-field` missing from the first row is absent
    /// from the dataset (the corpus has no column for it) and comes back with the error that names it.
    static func load(path: String, fields: FieldOptions, attributesMayBeAbsent: Bool) throws
        -> (corpus: Corpus, absentAttributes: [String: AbsentAttribute])
    {
        let shardPaths = try DatasetShards.files(for: path)
        var builder = try ColumnBuilder(file: path, fields: fields, attributesMayBeAbsent: attributesMayBeAbsent)
        var format: DatasetFormat?
        var shards: [Corpus.Shard] = []
        var rowOffset = 0
        for file in shardPaths ?? [path] {
            builder.file = file
            builder.rowOffset = rowOffset
            let rowsBefore = builder.rowNumbers.count
            let result = try read(file, into: &builder, sameFormatAs: format.map { ($0, shards[0].path) })
            format = result.format
            shards.append(
                Corpus.Shard(
                    path: file, rowOffset: rowOffset, rows: builder.rowNumbers.count - rowsBefore,
                    byteCount: result.byteCount, sha256: result.sha256))
            rowOffset += result.rowSpan
        }
        guard let format, let first = shards.first, !builder.texts.isEmpty else {
            let what = shardPaths.map { "the \($0.count) file\($0.count == 1 ? " has" : "s have")" } ?? "the file has"
            throw AssayError(.input, file: path, "\(what) no rows; an empty dataset cannot be analysed")
        }
        let source =
            shardPaths == nil
            ? Corpus.Source(
                path: path, format: format, sha256: first.sha256, byteCount: first.byteCount, rowSpan: rowOffset)
            : Corpus.Source(
                path: path, format: format,
                sha256: combinedDigest(shards.map(\.sha256)),
                byteCount: shards.reduce(0) { $0 + $1.byteCount }, shards: shards, rowSpan: rowOffset)
        let corpus = Corpus(
            source: source, texts: builder.texts, textFields: builder.textFields, rowNumbers: builder.rowNumbers,
            labelField: builder.isLabelled == true ? fields.labelField : nil,
            labelValues: builder.isLabelled == true ? builder.labels : nil, attributes: builder.attributes,
            fieldTexts: builder.fieldTexts, shape: builder.extractor?.columns, part: fields.judgedPart,
            notes: builder.notes)
        return (corpus, builder.absentAttributes)
    }

    /// What reading one file gave besides its rows.
    struct FileRead {
        var format: DatasetFormat
        /// SHA-256 of the file as stored (what `sha256sum` prints), lowercase hex.
        var sha256: String
        var byteCount: Int
        /// The row numbers the file takes: its lines (JSONL; blank ones too), records or elements.
        var rowSpan: Int
    }

    /// Reads the file at `path` into `builder`.
    ///
    /// - Parameter expected: the format of the shards read before, and the first of them; a file in
    ///   another format is an error.
    private static func read(
        _ path: String, into builder: inout ColumnBuilder, sameFormatAs expected: (format: DatasetFormat, file: String)?
    ) throws -> FileRead {
        try InputFile.checkRegular(
            path, expecting: "a .jsonl, .json, .csv, .tsv or .parquet file, or a folder of them")
        let compression = Compression(path: path)
        // The name the format is read from: `reviews.json` for `reviews.json.gz`.
        let plainName = String(path.dropLast(compression?.suffix.count ?? 0)).lowercased()
        guard let named = DatasetFormat(path: plainName) else {
            throw AssayError(
                .input, file: path,
                "cannot tell the format from the file name; name it .jsonl, .json, .csv, .tsv (and .gz or .zst if compressed) or .parquet"
            )
        }
        if named == .parquet {
            guard compression == nil else {
                throw AssayError(
                    .input, file: path,
                    "a Parquet file compresses its own pages; decompress it to a plain .parquet file")
            }
            try check(.parquet, of: path, against: expected)
            return try ParquetLoader.read(path, into: &builder)
        }
        let stored = try read(path)
        let rowsBefore = builder.rowNumbers.count
        if let compression, named == .jsonl, !plainName.hasSuffix(".json") {
            // Compressed JSON Lines are parsed as they are inflated, never held whole.
            try check(.jsonl, of: path, against: expected)
            let lines = try JSONLReader.read(
                pieces: { try compression.forEachChunk(of: stored, file: path, $0) }, into: &builder)
            return FileRead(
                format: .jsonl, sha256: hex(SHA256.hash(data: stored)), byteCount: stored.count, rowSpan: lines)
        }
        let data = try compression?.decompress(stored, file: path) ?? stored
        var format = named
        var lines = 0
        try data.withUnsafeBytes { raw in
            let bytes = JSONLines.withoutByteOrderMark(
                UnsafeBufferPointer(start: raw.bindMemory(to: UInt8.self).baseAddress, count: raw.count))
            if format == .jsonl, plainName.hasSuffix(".json"), JSONArrayReader.isArray(bytes) { format = .json }
            try check(format, of: path, against: expected)
            switch format {
            case .jsonl: lines = try JSONLReader.read(bytes, into: &builder)
            case .json: try JSONArrayReader.read(bytes, into: &builder)
            case .csv: try DelimitedReader.csv.read(bytes, into: &builder)
            case .tsv: try DelimitedReader.tsv.read(bytes, into: &builder)
            case .parquet: preconditionFailure("Parquet is read above")
            }
        }
        return FileRead(
            format: format, sha256: hex(SHA256.hash(data: stored)), byteCount: stored.count,
            rowSpan: format == .jsonl ? lines : builder.rowNumbers.count - rowsBefore)
    }

    /// Fails unless a shard's `format` is that of the shards read before it.
    private static func check(
        _ format: DatasetFormat, of path: String, against expected: (format: DatasetFormat, file: String)?
    ) throws {
        guard let expected, format != expected.format else { return }
        throw AssayError(
            .input, file: path,
            "this shard is \(describe(format)) but \(expected.file) is \(describe(expected.format)); every shard of a dataset must be the same format"
        )
    }

    /// A format's name in messages.
    private static func describe(_ format: DatasetFormat) -> String {
        switch format {
        case .jsonl: "JSON Lines"
        case .json: "a JSON array"
        case .csv: "CSV"
        case .tsv: "TSV"
        case .parquet: "Parquet"
        }
    }

    /// The digest of a dataset read from several files: SHA-256 of the files' digests, each lowercase hex and
    /// a newline, in order (what `sha256sum FILES | cut -c1-64 | sha256sum` prints).
    static func combinedDigest(_ digests: [String]) -> String {
        hex(SHA256.hash(data: Data(digests.map { $0 + "\n" }.joined().utf8)))
    }

    /// A digest as lowercase hex.
    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    static func read(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw AssayError(
                .input, file: path, "cannot be read (\(error.localizedDescription)); check its permissions")
        }
    }
}

/// An `--attr-field` a file's first record lacks: the error naming it, and whether the record has a key close to
/// it (which the error then suggests).
struct AbsentAttribute {
    var error: AssayError
    var hasCloseKey: Bool
}

/// Collects the columns of a corpus record by record, checking each field.
struct ColumnBuilder {
    /// The file being read, for messages: the current shard of a dataset read from shards.
    var file: String
    /// Added to each record's row number: the row numbers the shards read before take.
    var rowOffset = 0
    let fields: FieldOptions
    let textPaths: [FieldPath]
    let labelPath: FieldPath
    let attributePaths: [FieldPath]
    var texts: [String] = []
    /// Each text field's own values, kept only when there are several (a single field is `texts`).
    var fieldTexts: [String: [String]] = [:]
    var rowNumbers: [Int] = []
    var labels: [String] = []
    var attributes: [String: [String]] = [:]
    /// Whether an attribute the first record lacks is absent from the file rather than an error.
    let attributesMayBeAbsent: Bool
    /// The attributes absent from the file, by field.
    var absentAttributes: [String: AbsentAttribute] = [:]
    /// Decided by the first record: whether it has the label field.
    var isLabelled: Bool?
    private var firstLine = 0
    private var firstFile = ""
    /// The first line with a JSON boolean label, and the first with any other kind of label: booleans
    /// are labels only when every label is one.
    private var firstBooleanLabelLine: Int?
    private var firstOtherLabelLine: Int?
    private var firstBooleanLabelFile = ""
    private var firstOtherLabelFile = ""
    /// The parts of each row, when the rows are conversations or instructions.
    private(set) var extractor: ShapeExtractor?

    /// The fields the text comes from: the text fields, or those of the shape's layout.
    var textFields: [String] { extractor?.layout.fields ?? fields.textFields }

    /// What the report should say about how the data was read.
    var notes: [String] {
        guard firstBooleanLabelLine != nil, isLabelled == true else { return [] }
        return [
            "every label in '\(fields.labelField)' is a JSON boolean; they are read as the classes \"false\" and \"true\""
        ]
    }

    /// - Throws: `AssayError` (`.usage`) when a field is not a valid path.
    init(file: String, fields: FieldOptions, attributesMayBeAbsent: Bool = false) throws {
        self.file = file
        self.fields = fields
        self.attributesMayBeAbsent = attributesMayBeAbsent
        textPaths = try fields.textFields.map { try FieldPath($0, option: "--text-field") }
        labelPath = try FieldPath(fields.labelField, option: "--label-field")
        attributePaths = try fields.attributeFields.map { try FieldPath($0, option: "--attr-field") }
    }

    /// Adds one record.
    ///
    /// - Parameters:
    ///   - line: the 1-based line the record starts on, for messages.
    ///   - row: the row number findings will cite.
    ///   - lookup: the value at a field path, or why there is none.
    mutating func add(line: Int, row: Int, lookup: (FieldPath) -> FieldPath.Lookup) throws {
        if isLabelled == nil { try chooseShape(line: line, lookup: lookup) }
        var parts: [String] = []
        if var shaped = extractor {
            extractor = nil  // so that `shaped` is the only reference and appends in place
            defer { extractor = shaped }
            shaped.file = file
            try shaped.add(line: line, lookup: lookup)
            parts = [shaped.texts(fields.judgedPart).last ?? ""]
        }
        for path in textPaths where extractor == nil {
            switch lookup(path) {
            case .found(.string(let text)):
                parts.append(text)
            case .found(.array(let items)) where items.contains(where: \.isObject):
                throw AssayError(
                    .input, file: file, line: line, field: path.text,
                    "expected a string, found an array of \(items.count) objects (a conversation?); name one turn's text, e.g. \(path.text)[-1].content"
                )
            case .found(let other):
                throw AssayError(
                    .input, file: file, line: line, field: path.text,
                    "expected a string, found \(other.kindDescription); the text field must hold text")
            case let absent:
                throw missingField(
                    path, absent, line: line, hint: "pass --text-field with the field that holds the text")
            }
        }
        let labelValue = lookup(labelPath)
        if isLabelled == nil {
            firstLine = line
            firstFile = file
            if !labelValue.isFound, !fields.labelFieldIsExplicit {
                isLabelled = false
            } else {
                isLabelled = true
            }
        }
        if isLabelled == true {
            labels.append(try label(labelValue, line: line))
            try checkLabelKind(labelValue, line: line)
        } else if labelValue.isFound {
            throw AssayError(
                .input, file: file, line: line, field: fields.labelField,
                "this row has a label but \(cite(firstLine, in: firstFile)) has none; give every row a label or none")
        }
        for path in attributePaths {
            let value = lookup(path)
            if absentAttributes[path.text] != nil {
                guard !value.isFound else {
                    throw AssayError(
                        .input, file: file, line: line, field: path.text,
                        "this row has '\(path.text)' but \(cite(firstLine, in: firstFile)) has none; give every row the attribute or none"
                    )
                }
                continue
            }
            switch value {
            case .found(let value):
                guard let text = value.scalarText else {
                    throw AssayError(
                        .input, file: file, line: line, field: path.text,
                        "expected a string or number, found \(value.kindDescription)")
                }
                attributes[path.text, default: []].append(text)
            case let absent where attributesMayBeAbsent && line == firstLine:
                var hasCloseKey = false
                if case .missing(let part, _, let keys) = absent {
                    hasCloseKey = TextChecks.closest(to: part, in: keys) != nil
                }
                absentAttributes[path.text] = AbsentAttribute(
                    error: missingField(
                        path, absent, line: line,
                        hint: "the other file has none either; name a field at least one of them has"),
                    hasCloseKey: hasCloseKey)
            case let absent:
                throw missingField(path, absent, line: line, hint: "every row needs each --attr-field")
            }
        }
        texts.append(parts.count == 1 ? parts[0] : parts.joined(separator: "\n"))
        if parts.count > 1 {
            for (field, part) in zip(fields.textFields, parts) { fieldTexts[field, default: []].append(part) }
        }
        rowNumbers.append(rowOffset + row)
    }

    /// The top-level fields records must hold for this builder, which a columnar reader reads and no
    /// others: the first key of each field path and each whole path (a flat `meta.source` column), and
    /// the fields of the chat and instruction layouts when one may be detected.
    var topLevelFields: Set<String> {
        var names: Set<String> = []
        for path in textPaths + [labelPath] + attributePaths {
            names.insert(path.text)
            if case .key(let key)? = path.components.first { names.insert(key) }
        }
        if fields.shape != .text { names.formUnion(ShapeLayout.detectedFields) }
        return names
    }

    /// Decides from the first record whether rows are texts, conversations or instructions.
    private mutating func chooseShape(line: Int, lookup: (FieldPath) -> FieldPath.Lookup) throws {
        let layout: ShapeLayout?
        switch fields.shape {
        case .text:
            layout = nil
        case .auto:
            // A `text` field wins, and a named text field (`--text-field messages[-1].content`) is
            // always read as text, so that a typo in it is an error rather than a different layout.
            let hasText = textPaths.allSatisfy { lookup($0).isFound }
            layout = hasText || !fields.detectsShape ? nil : ShapeLayout.detect(lookup, among: nil)
        case .chat, .instruction:
            let shape: ExampleShape = fields.shape == .chat ? .chat : .instruction
            layout = ShapeLayout.detect(lookup, among: shape)
            if layout == nil {
                var keys: [String] = []
                if case .missing(_, _, let present) = lookup(FieldPath(key: "\u{0}")) { keys = present }
                let wanted =
                    shape == .chat
                    ? "'messages' (role, content) or 'conversations' (from, value)"
                    : "'instruction' and 'output', or 'prompt' and 'response' (or 'completion')"
                throw AssayError(
                    .input, file: file, line: line,
                    "--shape \(shape.rawValue) needs \(wanted); this row has \(keys.isEmpty ? "no fields" : TextChecks.list(keys))"
                )
            }
        }
        extractor = layout.map { ShapeExtractor(layout: $0, file: file) }
    }

    private func label(_ lookup: FieldPath.Lookup, line: Int) throws -> String {
        let field = fields.labelField
        switch lookup {
        case .found(.null):
            throw AssayError(.input, file: file, line: line, field: field, "null; every row needs a label")
        case .found(let value):
            guard let text = value.scalarText else {
                throw AssayError(
                    .input, file: file, line: line, field: field,
                    "expected a string or number, found \(value.kindDescription)")
            }
            guard !text.isEmpty else {
                throw AssayError(.input, file: file, line: line, field: field, "empty; every row needs a label")
            }
            guard text.contains(where: { !$0.isWhitespace }) else {
                throw AssayError(
                    .input, file: file, line: line, field: field,
                    "only whitespace (\(text.unicodeScalars.count) characters); every row needs a label")
            }
            return text
        case let absent:
            if line == firstLine && file == firstFile {
                throw missingField(
                    labelPath, absent, line: line, hint: "pass --label-field with the field that holds the label")
            }
            throw AssayError(
                .input, file: file, line: line, field: field,
                "missing, but \(cite(firstLine, in: firstFile)) has a label; give every row a label or none")
        }
    }

    /// A JSON `true` must not silently become the class "true" beside string labels: booleans are
    /// accepted only when every label is a boolean.
    private mutating func checkLabelKind(_ value: FieldPath.Lookup, line: Int) throws {
        guard case .found(let label) = value else { return }
        if case .bool(let flag) = label {
            if firstBooleanLabelLine == nil { (firstBooleanLabelLine, firstBooleanLabelFile) = (line, file) }
            if let other = firstOtherLabelLine {
                throw AssayError(
                    .input, file: file, line: line, field: fields.labelField,
                    "the boolean \(flag), but \(cite(other, in: firstOtherLabelFile)) has a string or number label; booleans are labels only "
                        + "when every label is one (write \"\(flag)\" in quotes to make it a class name)")
            }
        } else {
            if firstOtherLabelLine == nil { (firstOtherLabelLine, firstOtherLabelFile) = (line, file) }
            if let boolean = firstBooleanLabelLine {
                throw AssayError(
                    .input, file: file, line: line, field: fields.labelField,
                    "a string or number, but \(cite(boolean, in: firstBooleanLabelFile)) has a boolean label; booleans are labels only when "
                        + "every label is one (quote the booleans to make them class names)")
            }
        }
    }

    /// `line N` of the file being read, or `FILE:N` of an earlier shard.
    private func cite(_ line: Int, in other: String) -> String {
        other == file ? "line \(line)" : "\(other):\(line)"
    }

    /// The error for a path that leads nowhere: which part failed and, for a missing key, the closest one.
    private func missingField(_ path: FieldPath, _ lookup: FieldPath.Lookup, line: Int, hint: String) -> AssayError {
        let message: String
        switch lookup {
        case .found:
            preconditionFailure("a path that resolved is not missing")
        case .missing(let part, let within, let keys):
            let guess = TextChecks.closest(to: part, in: keys).map { " (did you mean '\($0)'?)" } ?? ""
            let present = keys.isEmpty ? "no fields" : TextChecks.list(keys)
            message =
                within.isEmpty
                ? "no such field\(guess); this row has \(present); \(hint)"
                : "no key '\(part)' in '\(within)'\(guess); it has \(present); \(hint)"
        case .outOfRange(let index, let within, let count):
            message =
                "'\(within)' has \(count) element\(count == 1 ? "" : "s"), so [\(index)] is out of range; \(hint)"
        case .wrongKind(let part, let within, let found, let expected):
            message = "'\(within)' is \(found), not \(expected), so it has no '\(part)'; \(hint)"
        }
        return AssayError(.input, file: file, line: line, field: path.text, message)
    }
}
