/// Reads CSV (RFC 4180: quoted fields, `""` for a quote, newlines inside quotes, CRLF or LF) and
/// TSV (tabs between fields, no quoting: a quote is an ordinary character). The first record is
/// the header; rows are numbered by record (1-based, header not counted), errors by line.
struct DelimitedReader {
    let delimiter: UInt8
    /// Whether double quotes delimit fields (CSV) or are plain characters (TSV).
    let quoted: Bool

    /// RFC 4180 CSV: comma-separated, double quotes delimit fields.
    static let csv = DelimitedReader(delimiter: UInt8(ascii: ","), quoted: true)
    /// TSV: tab-separated, no quoting.
    static let tsv = DelimitedReader(delimiter: UInt8(ascii: "\t"), quoted: false)

    private static let quote = UInt8(ascii: "\"")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Feeds every record of `bytes` to `builder`.
    ///
    /// - Complexity: O(bytes).
    func read(_ bytes: UnsafeBufferPointer<UInt8>, into builder: inout ColumnBuilder) throws {
        let file = builder.file
        if let offset = TextChecks.firstInvalidUTF8Offset(bytes) {
            let line = bytes[..<offset].reduce(1) { $0 + ($1 == DelimitedReader.newline ? 1 : 0) }
            var lineStart = offset
            while lineStart > 0, bytes[lineStart - 1] != DelimitedReader.newline { lineStart -= 1 }
            throw AssayError(
                .input, file: file, line: line,
                "not valid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at column \(offset - lineStart + 1)); convert the file to UTF-8, e.g. with iconv"
            )
        }
        var header: [String] = []
        var columns: [String: Int] = [:]
        try forEachRecord(bytes, file: file) { fields, _, line, record in
            guard record > 0 else {
                header = fields
                for (index, name) in fields.enumerated() where columns[name] == nil { columns[name] = index }
                try checkHeader(fields, line: line, builder: builder)
                return
            }
            // A header names flat columns: a path is only ever a column's name here.
            try builder.add(
                line: line, row: record,
                lookup: { path in
                    columns[path.text].map { .found(.string(fields[$0])) }
                        ?? .missing(part: path.text, within: "", keys: header)
                })
        }
    }

    /// Calls `body` with every record of `bytes` that is not a blank line: its fields, its bytes (line end
    /// included), the line it starts on, and its number: 0 for the header, then 1, 2 … as rows are numbered.
    ///
    /// - Throws: `AssayError` (`.input`) naming `file` for a record whose field count is not the header's, a
    ///   quote left open or an over-long record; what `body` throws.
    /// - Complexity: O(bytes).
    func forEachRecord(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String,
        _ body: (_ fields: [String], _ bytes: Range<Int>, _ line: Int, _ record: Int) throws -> Void
    ) throws {
        var headerCount: Int?
        var record = 0
        var position = 0
        var line = 1
        while position < bytes.count {
            let startLine = line
            let recordStart = position
            let fields = try nextRecord(bytes, &position, &line, file: file)
            if isBlankLine(bytes[recordStart..<position]) { continue }
            if let headerCount, fields.count != headerCount {
                throw AssayError(
                    .input, file: file, line: startLine,
                    "this record has \(fields.count) fields but the header has \(headerCount); check the delimiters\(quoted ? " and quotes" : "")"
                )
            }
            headerCount = headerCount ?? fields.count
            try body(fields, recordStart..<position, startLine, record)
            record += 1
        }
    }

    /// Whether a record's bytes are only a line ending (a blank line, not a record of one empty field).
    private func isBlankLine(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        bytes.allSatisfy { $0 == DelimitedReader.newline || $0 == DelimitedReader.carriageReturn }
    }

    /// Columns named as text or attribute fields must be in the header, which starts at `line`. A header
    /// with instruction columns (`instruction`, `output`; `prompt`, `response`) needs no text column when
    /// the shape is detected (no text field named) or asked for, and an attribute need not be there when
    /// the builder lets attributes be absent from a file.
    private func checkHeader(_ names: [String], line: Int, builder: ColumnBuilder) throws {
        let header: (FieldPath) -> FieldPath.Lookup = { path in
            names.contains(path.text) ? .found(.string("")) : .missing(part: path.text, within: "", keys: names)
        }
        let mayBeShaped =
            builder.fields.detectsShape || builder.fields.shape == .chat || builder.fields.shape == .instruction
        let shaped = mayBeShaped && ShapeLayout.detect(header, among: nil) != nil
        let required =
            (shaped ? [] : builder.fields.textFields)
            + (builder.attributesMayBeAbsent ? [] : builder.fields.attributeFields)
            + (builder.fields.labelFieldIsExplicit ? [builder.fields.labelField] : [])
        for field in required where !names.contains(field) {
            var message = "no such column"
            if let guess = TextChecks.closest(to: field, in: names) { message += " (did you mean '\(guess)'?)" }
            message += "; the header has \(TextChecks.list(names))"
            throw AssayError(.input, file: builder.file, line: line, field: field, message)
        }
    }

    /// Parses one record starting at `position`, advancing it and the line counter past the record.
    private func nextRecord(
        _ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ line: inout Int, file: String
    ) throws -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        let recordStart = position
        let recordLine = line
        var i = position
        while true {
            if i - recordStart > DatasetLoader.maxRecordBytes {
                throw AssayError(
                    .input, file: file, line: recordLine,
                    "the record is over the \(DatasetLoader.maxRecordBytes >> 20) MiB limit for one record\(quoted ? "; is a quote left open?" : "")"
                )
            }
            if i == bytes.count {
                fields.append(String(decoding: field, as: UTF8.self))
                position = i
                return fields
            }
            let byte = bytes[i]
            if quoted, byte == DelimitedReader.quote, field.isEmpty {
                // A quoted field: runs to the closing quote; "" is a literal quote.
                let openLine = line
                i += 1
                while true {
                    guard i < bytes.count else {
                        throw AssayError(
                            .input, file: file, line: openLine,
                            "a quoted field opened here is never closed; close it with a double quote")
                    }
                    if i - recordStart > DatasetLoader.maxRecordBytes {
                        throw AssayError(
                            .input, file: file, line: openLine,
                            "the record is over the \(DatasetLoader.maxRecordBytes >> 20) MiB limit for one record; is a quote left open?"
                        )
                    }
                    let inner = bytes[i]
                    if inner == DelimitedReader.quote {
                        if i + 1 < bytes.count, bytes[i + 1] == DelimitedReader.quote {
                            field.append(DelimitedReader.quote)
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    if inner == DelimitedReader.newline { line += 1 }
                    field.append(inner)
                    i += 1
                }
                let endsRecord =
                    i == bytes.count || bytes[i] == DelimitedReader.newline
                    || (bytes[i] == DelimitedReader.carriageReturn && i + 1 < bytes.count
                        && bytes[i + 1] == DelimitedReader.newline)
                if !endsRecord, bytes[i] != delimiter {
                    throw AssayError(
                        .input, file: file, line: line,
                        "unexpected text after a closing quote; inside a quoted field write a quote as \"\"")
                }
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                if i < bytes.count, bytes[i] == delimiter {
                    i += 1
                    continue
                }
                i = skipLineEnd(bytes, i, &line)
                position = i
                return fields
            }
            if byte == delimiter {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                i += 1
                continue
            }
            if byte == DelimitedReader.newline
                || (byte == DelimitedReader.carriageReturn && i + 1 < bytes.count
                    && bytes[i + 1] == DelimitedReader.newline)
            {
                fields.append(String(decoding: field, as: UTF8.self))
                position = skipLineEnd(bytes, i, &line)
                return fields
            }
            field.append(byte)
            i += 1
        }
    }

    /// Skips a `\n` or `\r\n` at `index`, counting the line.
    private func skipLineEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ line: inout Int) -> Int {
        var i = index
        if i < bytes.count, bytes[i] == DelimitedReader.carriageReturn { i += 1 }
        if i < bytes.count, bytes[i] == DelimitedReader.newline {
            i += 1
            line += 1
        }
        return i
    }
}
