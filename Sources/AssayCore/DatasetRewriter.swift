import AssayParquet
import Crypto
import Foundation

/// A dataset written again without some of its rows and with new labels on others (what `assay clean`
/// writes), in the form it was read in where that can be kept.
///
/// - A plain JSON Lines file stays JSON Lines with every byte of its kept lines as it was (line ends,
///   blank lines and a byte order mark too); a relabelled row's line changes in its label's value alone.
/// - A plain CSV or TSV file keeps its header and each kept record byte for byte (blank lines are left
///   out); a relabelled record is written again from its fields, quoted where CSV needs it.
/// - A compressed file is written as the same, uncompressed.
/// - A JSON array is written as JSON Lines, each element on one line without the white space between
///   its tokens.
/// - A Parquet file is written as JSON Lines: each row an object of every top-level field in schema order
///   (nested records' keys sorted), values as `ParquetLoader` reads them.
/// - Shards are written as one JSON Lines file: their lines as they are, JSON array elements as above,
///   CSV and TSV records as objects of their columns (as strings; a repeated column name once, its first).
///
/// Rows are the numbers `Corpus.rowNumbers` gives. The files are read again and must be as they were
/// when the dataset was loaded (their SHA-256), so that each number means the same row.
public enum DatasetRewriter {
    /// The rewritten dataset.
    public struct Output: Sendable, Equatable {
        /// The file's bytes.
        public var data: Data
        /// The format written: the input's JSON Lines, CSV or TSV, or JSON Lines.
        public var format: DatasetFormat
        /// The extension of the file to write, dot included: the input's (`.jsonl`, `.ndjson`, `.csv`,
        /// `.tab` …, a compression suffix left off) when its form is kept, else `.jsonl`.
        public var fileExtension: String
        /// How the written form differs from the input's, e.g. "written uncompressed"; nil when it is the same.
        public var change: String?
        /// The rows written.
        public var rows: Int
    }

    /// Writes the dataset `source` names again, leaving out the rows `dropping` and giving the rows of
    /// `relabelling` their new labels; see the type's discussion for the form.
    ///
    /// - Parameters:
    ///   - source: the dataset as the loader read it.
    ///   - labelField: the label field (a path in JSON, a column in CSV and TSV), needed to relabel.
    ///   - dropping: the rows to leave out.
    ///   - relabelling: rows and their new labels; a row in both is dropped.
    /// - Throws: `AssayError` (`.input`) for a file that cannot be read or has changed since it was loaded;
    ///   (`.runtime`) for a row to drop or relabel that the files do not have, or a label that is not where
    ///   it was read.
    /// - Complexity: O(bytes of the files).
    public static func rewrite(
        _ source: Corpus.Source, labelField: String?, dropping: Set<Int>, relabelling: [Int: String]
    ) throws -> Output {
        var edits = Edits(
            dropping: dropping, relabelling: relabelling.filter { !dropping.contains($0.key) },
            labelField: labelField)
        var output: [UInt8] = []
        let result: (format: DatasetFormat, fileExtension: String, change: String?)
        if let shards = source.shards {
            for shard in shards {
                let bytes = try contents(of: shard.path, sha256: shard.sha256)
                if source.format == .parquet {
                    edits.file = shard.path
                    edits.rowOffset = shard.rowOffset
                    try parquetRows(shard.path, into: &output, edits: &edits)
                    continue
                }
                try bytes.withUnsafeBytes { raw in
                    let bytes = JSONLines.withoutByteOrderMark(raw.bindMemory(to: UInt8.self))
                    edits.file = shard.path
                    edits.rowOffset = shard.rowOffset
                    switch source.format {
                    case .jsonl:
                        let start = output.count
                        try lines(bytes, into: &output, edits: &edits)
                        if output.count > start, output.last != 0x0A { output.append(0x0A) }
                    case .json: try elements(bytes, into: &output, edits: &edits)
                    case .csv, .tsv: try objects(bytes, format: source.format, into: &output, edits: &edits)
                    case .parquet: break
                    }
                }
            }
            result = (.jsonl, ".jsonl", "written as one JSON Lines file (the input is \(shards.count) shards)")
        } else {
            let compression = Compression(path: source.path)
            let plainName = String(source.path.dropLast(compression?.suffix.count ?? 0))
            let plainExtension = plainName.lastIndex(of: ".").map { String(plainName[$0...]) } ?? ".jsonl"
            let data = try contents(of: source.path, sha256: source.sha256)
            edits.file = source.path
            if source.format == .parquet { try parquetRows(source.path, into: &output, edits: &edits) }
            try data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                switch source.format {
                case .jsonl: try lines(bytes, into: &output, edits: &edits)
                case .json: try elements(JSONLines.withoutByteOrderMark(bytes), into: &output, edits: &edits)
                case .csv, .tsv:
                    let body = JSONLines.withoutByteOrderMark(bytes)
                    if body.count < bytes.count { output += [0xEF, 0xBB, 0xBF] }
                    try records(body, format: source.format, into: &output, edits: &edits)
                case .parquet: break
                }
            }
            switch source.format {
            case .json: result = (.jsonl, ".jsonl", "written as JSON Lines (the input is a JSON array)")
            case .parquet: result = (.jsonl, ".jsonl", "written as JSON Lines (the input is Parquet)")
            default: result = (source.format, plainExtension, compression == nil ? nil : "written uncompressed")
            }
        }
        try edits.checkAllSeen(in: source.path)
        return Output(
            data: Data(output), format: result.format, fileExtension: result.fileExtension, change: result.change,
            rows: edits.written)
    }

    /// The rows to leave out and relabel, and what has been done so far.
    private struct Edits {
        let dropping: Set<Int>
        let relabelling: [Int: String]
        let labelField: String?
        /// The file being read, for messages, and the row numbers the shards before it take.
        var file = ""
        var rowOffset = 0
        var written = 0
        var dropped = 0
        var relabelled = 0

        init(dropping: Set<Int>, relabelling: [Int: String], labelField: String?) {
            self.dropping = dropping
            self.relabelling = relabelling
            self.labelField = labelField
        }

        /// What to do with a row.
        enum Action {
            case drop
            case keep
            case relabel(String)
        }

        /// What to do with the row numbered `number` in the file being read, counted.
        mutating func action(forRow number: Int) -> Action {
            let row = rowOffset + number
            if dropping.contains(row) {
                dropped += 1
                return .drop
            }
            written += 1
            guard let label = relabelling[row] else { return .keep }
            relabelled += 1
            return .relabel(label)
        }

        /// Fails when a row to drop or relabel was not in the files.
        func checkAllSeen(in path: String) throws {
            guard dropped < dropping.count || relabelled < relabelling.count else { return }
            throw AssayError(
                .runtime, file: path,
                "has \(dropped) of the \(dropping.count) rows to drop and \(relabelled) of the \(relabelling.count) to relabel; the rows must come from this dataset as loaded"
            )
        }

        /// `record`, one JSON object, with the value of the label field replaced by `label`: a string
        /// where the value was a string, else the label as written when it is a JSON number or boolean.
        func relabel(_ record: UnsafeBufferPointer<UInt8>, as label: String, line: Int) throws -> [UInt8] {
            guard let labelField, let path = try? FieldPath(labelField),
                let range = JSONBytes.valueRange(of: path, in: record)
            else {
                throw AssayError(
                    .runtime, file: file, line: line, field: labelField,
                    "the label to rewrite is not in the row; the file must be the one that was loaded")
            }
            var value = JSONBytes.quoted(label)
            if record[range.lowerBound] != UInt8(ascii: "\"") {
                let parsed = Array(label.utf8).withUnsafeBufferPointer { JSONParser.parse($0) }
                switch parsed {
                case .bool, .integer, .number: if parsed?.scalarText == label { value = Array(label.utf8) }
                default: break
                }
            }
            return Array(record[..<range.lowerBound]) + value + Array(record[range.upperBound...])
        }
    }

    /// The lines of JSON Lines `bytes`, numbered as `JSONLines.forEachLine` numbers them: each kept as it
    /// is with its line end, but the dropped rows' and the relabelled rows' values.
    private static func lines(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], edits: inout Edits)
        throws
    {
        let text = JSONLines.withoutByteOrderMark(bytes)
        output += bytes[..<(bytes.count - text.count)]
        try JSONLines.forEachLineRange(in: text) { range, next, number in
            let line = UnsafeBufferPointer(rebasing: text[range])
            guard !JSONLines.isBlank(line) else {
                output += text[range.lowerBound..<next]
                return
            }
            switch edits.action(forRow: number) {
            case .drop: return
            case .keep: output += text[range.lowerBound..<next]
            case .relabel(let label):
                output += try edits.relabel(line, as: label, line: number) + text[range.upperBound..<next]
            }
        }
    }

    /// The rows of the Parquet file at `path` as JSON Lines, numbered from 1.
    private static func parquetRows(_ path: String, into output: inout [UInt8], edits: inout Edits) throws {
        do {
            let file = try ParquetFile(path: path)
            let names = file.fieldNames
            var row = 0
            try file.forEachRowGroup(fields: Set(names)) { columns, count in
                for index in 0..<count {
                    row += 1
                    let action = edits.action(forRow: row)
                    if case .drop = action { continue }
                    var line: [UInt8] = [UInt8(ascii: "{")]
                    for (position, name) in names.enumerated() {
                        if position > 0 { line.append(UInt8(ascii: ",")) }
                        line += JSONBytes.quoted(name) + [UInt8(ascii: ":")]
                        line += ParquetLoader.jsonBytes(columns[name]?[index] ?? .null)
                    }
                    line.append(UInt8(ascii: "}"))
                    if case .relabel(let label) = action {
                        line = try line.withUnsafeBufferPointer { try edits.relabel($0, as: label, line: row) }
                    }
                    output += line + [0x0A]
                }
            }
        } catch let error as ParquetError {
            throw AssayError(.input, file: path, line: error.row, field: error.column, error.message)
        }
    }

    /// The elements of the JSON array `bytes` as JSON Lines.
    private static func elements(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], edits: inout Edits)
        throws
    {
        try JSONArrayReader.forEachElement(bytes, file: edits.file) { element, line, row in
            let compact = JSONBytes.compacted(element)
            switch edits.action(forRow: row) {
            case .drop: return
            case .keep: output += compact
            case .relabel(let label):
                output += try compact.withUnsafeBufferPointer { try edits.relabel($0, as: label, line: line) }
            }
            output.append(0x0A)
        }
    }

    /// The header and the kept records of CSV or TSV `bytes`, each as it was but the relabelled ones.
    private static func records(
        _ bytes: UnsafeBufferPointer<UInt8>, format: DatasetFormat, into output: inout [UInt8], edits: inout Edits
    ) throws {
        let reader = format == .csv ? DelimitedReader.csv : .tsv
        var labelColumn: Int?
        try reader.forEachRecord(bytes, file: edits.file) { fields, range, line, record in
            guard record > 0 else {
                labelColumn = edits.labelField.flatMap { fields.firstIndex(of: $0) }
                output += bytes[range]
                return
            }
            switch edits.action(forRow: record) {
            case .drop: return
            case .keep: output += bytes[range]
            case .relabel(let label):
                guard let labelColumn else {
                    throw AssayError(
                        .runtime, file: edits.file, line: line, field: edits.labelField,
                        "no such column to rewrite the label in; the file must be the one that was loaded")
                }
                var fields = fields
                fields[labelColumn] = label
                var end = range.upperBound
                while end > range.lowerBound, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
                output += encode(fields, format: format) + bytes[end..<range.upperBound]
            }
        }
    }

    /// The records of CSV or TSV `bytes` as JSON Lines: each an object of its columns, as strings.
    private static func objects(
        _ bytes: UnsafeBufferPointer<UInt8>, format: DatasetFormat, into output: inout [UInt8], edits: inout Edits
    ) throws {
        var columns: [(name: String, index: Int)] = []
        try (format == .csv ? DelimitedReader.csv : .tsv).forEachRecord(bytes, file: edits.file) {
            fields, _, line, record in
            guard record > 0 else {
                var seen: Set<String> = []
                columns = fields.enumerated().filter { seen.insert($0.element).inserted }.map { ($1, $0) }
                return
            }
            var fields = fields
            switch edits.action(forRow: record) {
            case .drop: return
            case .keep: break
            case .relabel(let label):
                guard let column = columns.first(where: { $0.name == edits.labelField }) else {
                    throw AssayError(
                        .runtime, file: edits.file, line: line, field: edits.labelField,
                        "no such column to rewrite the label in; the file must be the one that was loaded")
                }
                fields[column.index] = label
            }
            output.append(UInt8(ascii: "{"))
            for (position, column) in columns.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                output += JSONBytes.quoted(column.name) + [UInt8(ascii: ":")] + JSONBytes.quoted(fields[column.index])
            }
            output += [UInt8(ascii: "}"), 0x0A]
        }
    }

    /// `fields` as one CSV or TSV record without its line end; a CSV field holding a comma, a quote or
    /// a line break is quoted, its quotes doubled.
    private static func encode(_ fields: [String], format: DatasetFormat) -> [UInt8] {
        let delimiter = format == .csv ? UInt8(ascii: ",") : 0x09
        var record: [UInt8] = []
        for (position, field) in fields.enumerated() {
            if position > 0 { record.append(delimiter) }
            let bytes = Array(field.utf8)
            let special: Set<UInt8> = [delimiter, UInt8(ascii: "\""), 0x0A, 0x0D]
            guard format == .csv, bytes.contains(where: special.contains) else {
                record += bytes
                continue
            }
            record.append(UInt8(ascii: "\""))
            for byte in bytes {
                record.append(byte)
                if byte == UInt8(ascii: "\"") { record.append(byte) }
            }
            record.append(UInt8(ascii: "\""))
        }
        return record
    }

    /// The uncompressed bytes of the file at `path`, which must still have the SHA-256 it was loaded with.
    private static func contents(of path: String, sha256: String) throws -> Data {
        let stored = try DatasetLoader.read(path)
        guard DatasetLoader.hex(SHA256.hash(data: stored)) == sha256 else {
            throw AssayError(
                .input, file: path, "has changed since it was read; run the command again on the file as it is now")
        }
        return try Compression(path: path)?.decompress(stored, file: path) ?? stored
    }
}
