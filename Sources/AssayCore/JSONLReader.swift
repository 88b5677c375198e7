import Foundation

/// Reads JSON Lines: one JSON object per line; blank lines are skipped.
enum JSONLReader {
    /// Feeds every line of `bytes` to `builder`.
    ///
    /// - Complexity: O(bytes).
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, into builder: inout ColumnBuilder) throws {
        let decoder = JSONDecoder()
        let file = builder.file
        var start = 0
        var line = 0
        while start < bytes.count {
            line += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let next = end + 1
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            defer { start = next }
            let lineBytes = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if lineBytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            if lineBytes.count > DatasetLoader.maxRecordBytes {
                throw AssayError(
                    .input, file: file, line: line,
                    "the line is \(lineBytes.count / (1 << 20)) MiB long, over the \(DatasetLoader.maxRecordBytes >> 20) MiB limit for one record; is this really a JSONL file?"
                )
            }
            if let offset = TextChecks.firstInvalidUTF8Offset(lineBytes) {
                throw AssayError(
                    .input, file: file, line: line,
                    "not valid UTF-8 (byte 0x\(String(lineBytes[offset], radix: 16, uppercase: true)) at column \(offset + 1)); convert the file to UTF-8, e.g. with iconv"
                )
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
                    "malformed JSON (\(describe(error))); each line must be one complete JSON object")
            }
            try builder.add(
                line: line, row: line, keys: { object.keys.sorted() },
                lookup: { key in
                    object[key].map(FieldValue.value) ?? .missing
                })
        }
    }

    /// The innermost message of a decoding error, without Foundation's boilerplate.
    private static func describe(_ error: Error) -> String {
        var current: Error = error
        while true {
            if case DecodingError.dataCorrupted(let context) = current, let underlying = context.underlyingError {
                current = underlying
                continue
            }
            let nsError = current as NSError
            if let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String {
                return detail.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            }
            if case DecodingError.dataCorrupted(let context) = current {
                return context.debugDescription.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            }
            return "\(current)"
        }
    }
}
