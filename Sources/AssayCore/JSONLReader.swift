import Foundation

/// Reads JSON Lines: one JSON object per line; blank lines are skipped.
enum JSONLReader {
    /// Feeds every line of `bytes` to `builder`.
    ///
    /// - Returns: the number of lines, blank ones included.
    /// - Complexity: O(bytes).
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, into builder: inout ColumnBuilder) throws -> Int {
        let decoder = JSONDecoder()
        return try JSONLines.forEachLine(in: bytes) { try add($0, line: $1, decoder: decoder, into: &builder) }
    }

    /// Feeds every line of the stream `pieces` produces (each piece valid during its call) to `builder`,
    /// holding only the line being read rather than the whole stream.
    ///
    /// - Returns: the number of lines, blank ones included.
    /// - Complexity: O(bytes); memory is the longest line.
    static func read(
        pieces: ((UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void, into builder: inout ColumnBuilder
    ) throws -> Int {
        let decoder = JSONDecoder()
        let file = builder.file
        var splitter = JSONLines.Splitter(maxLineBytes: DatasetLoader.maxRecordBytes)
        try pieces { piece in
            try splitter.feed(piece, tooLong: { throw tooLong(file: file, line: $0, unit: "line", bytes: nil) }) {
                try add($0, line: $1, decoder: decoder, into: &builder)
            }
        }
        try splitter.finish { try add($0, line: $1, decoder: decoder, into: &builder) }
        return splitter.lineCount
    }

    /// One line, checked and decoded, added to `builder` as the row numbered by its line.
    private static func add(
        _ bytes: UnsafeBufferPointer<UInt8>, line: Int, decoder: JSONDecoder, into builder: inout ColumnBuilder
    ) throws {
        let object = try record(bytes, file: builder.file, line: line, decoder: decoder, unit: "line")
        try builder.add(line: line, row: line, lookup: { $0.resolve(in: object) })
    }

    /// The error for a record over `DatasetLoader.maxRecordBytes` (of `bytes`, when known).
    static func tooLong(file: String, line: Int, unit: String, bytes: Int?) -> AssayError {
        let size = bytes.map { "\(String(format: "%.1f", Double($0) / Double(1 << 20))) MiB long, " } ?? ""
        return AssayError(
            .input, file: file, line: line,
            "the \(unit) is \(size)over the \(DatasetLoader.maxRecordBytes >> 20) MiB limit for one record\(unit == "line" ? "; is this really a JSONL file?" : "")"
        )
    }

    /// One record: `bytes` checked (size, UTF-8, strict JSON) and decoded into an object.
    ///
    /// - Parameter unit: What a record is in this file ("line", "element"), for messages.
    /// - Throws: `AssayError` (`.input`) naming `file` and `line`.
    static func record(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, line: Int, decoder: JSONDecoder, unit: String
    ) throws -> [String: JSONValue] {
        if bytes.count > DatasetLoader.maxRecordBytes {
            throw tooLong(file: file, line: line, unit: unit, bytes: bytes.count)
        }
        if let offset = TextChecks.firstInvalidUTF8Offset(bytes) {
            throw AssayError(
                .input, file: file, line: line,
                "not valid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at column \(offset + 1)); convert the file to UTF-8, e.g. with iconv"
            )
        }
        if let problem = JSONStrictness.firstProblem(in: bytes) {
            throw AssayError(.input, file: file, line: line, "\(problem.message) (column \(problem.column))")
        }
        let value: JSONValue
        do {
            // JSONDecoder only reads what the fast parser rejects, and its error is explained below.
            value = try JSONParser.parse(bytes) ?? decoder.decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw AssayError(
                .input, file: file, line: line,
                "malformed JSON (\(describe(bytes))); each \(unit) must be one complete JSON object")
        }
        guard case .object(let fields) = value else {
            throw AssayError(
                .input, file: file, line: line,
                "expected a JSON object, found \(value.kindDescription); each \(unit) must be one object such as {\"text\": \"…\", \"label\": \"…\"}"
            )
        }
        return fields
    }

    /// Where and how a line fails to parse. JSONDecoder's errors carry no position, so the line is
    /// parsed again (only on this error path) by JSONSerialization, whose message has one.
    private static func describe(_ line: UnsafeBufferPointer<UInt8>) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
            return "not a JSON value"
        } catch {
            guard var detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String else {
                return "not a JSON value"
            }
            detail = detail.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            // "Invalid value around character 23" counts from 0; editors count columns from 1.
            if let range = detail.range(of: "around character "), let offset = Int(detail[range.upperBound...]) {
                detail = detail[..<range.lowerBound] + "near column \(offset + 1)"
            }
            if detail.contains("end of file") { return "the line ends before the JSON object does" }
            return detail.prefix(1).lowercased() + detail.dropFirst()
        }
    }
}
