import Foundation

/// Reads JSON Lines: one JSON object per line; blank lines are skipped.
enum JSONLReader {
    /// Feeds every line of `bytes` to `builder`.
    ///
    /// - Complexity: O(bytes).
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, into builder: inout ColumnBuilder) throws {
        let decoder = JSONDecoder()
        let file = builder.file
        try JSONLines.forEachLine(in: bytes) { lineBytes, line in
            if lineBytes.count > DatasetLoader.maxRecordBytes {
                throw AssayError(
                    .input, file: file, line: line,
                    "the line is \(String(format: "%.1f", Double(lineBytes.count) / Double(1 << 20))) MiB long, over the \(DatasetLoader.maxRecordBytes >> 20) MiB limit for one record; is this really a JSONL file?"
                )
            }
            if let offset = TextChecks.firstInvalidUTF8Offset(lineBytes) {
                throw AssayError(
                    .input, file: file, line: line,
                    "not valid UTF-8 (byte 0x\(String(lineBytes[offset], radix: 16, uppercase: true)) at column \(offset + 1)); convert the file to UTF-8, e.g. with iconv"
                )
            }
            if let problem = JSONStrictness.firstProblem(in: lineBytes) {
                throw AssayError(.input, file: file, line: line, "\(problem.message) (column \(problem.column))")
            }
            let object: [String: JSONValue]
            do {
                let value = try decoder.decode(JSONValue.self, from: Data(lineBytes))
                guard case .object(let fields) = value else {
                    throw AssayError(
                        .input, file: file, line: line,
                        "expected a JSON object, found \(value.kindDescription); each line must be one object such as {\"text\": \"…\", \"label\": \"…\"}"
                    )
                }
                object = fields
            } catch let error as AssayError {
                throw error
            } catch {
                throw AssayError(
                    .input, file: file, line: line,
                    "malformed JSON (\(describe(lineBytes))); each line must be one complete JSON object")
            }
            try builder.add(
                line: line, row: line, keys: { object.keys.sorted() },
                lookup: { key in
                    object[key].map(FieldValue.value) ?? .missing
                })
        }
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
