import Foundation

/// Reads a `.json` file holding one array of objects (`[{"text": …}, …]`), the form `pandas.to_json`
/// and many exports write. Each element is checked and decoded on its own, as a JSONL line is: an
/// error names the line the element starts on, and rows are numbered by element from 1.
enum JSONArrayReader {
    /// Whether `bytes` hold a JSON array: the first character that is not white space is `[`.
    static func isArray(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.first { !JSONBytes.isWhitespace($0) } == UInt8(ascii: "[")
    }

    /// Feeds every element of the array in `bytes` to `builder`.
    ///
    /// - Throws: `AssayError` (`.input`) for an element that is not an object or not valid JSON, an
    ///   array that is not closed, or anything after it.
    /// - Complexity: O(bytes): one scan for the element boundaries, then each element decoded once.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, into builder: inout ColumnBuilder) throws {
        let decoder = JSONDecoder()
        let file = builder.file
        try forEachElement(bytes, file: file) { element, line, row in
            let object = try JSONLReader.record(element, file: file, line: line, decoder: decoder, unit: "element")
            try builder.add(line: line, row: row, lookup: { $0.resolve(in: object) })
        }
    }

    /// Calls `body` with the bytes of every element of the array in `bytes` (white space around it
    /// trimmed), the line it starts on and its 1-based number: the row the loader numbers it.
    ///
    /// - Throws: `AssayError` (`.input`) naming `file` for an array that is not closed, an unmatched
    ///   `}` or anything after the array; what `body` throws.
    /// - Complexity: O(bytes).
    static func forEachElement(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String,
        _ body: (_ element: UnsafeBufferPointer<UInt8>, _ line: Int, _ row: Int) throws -> Void
    ) throws {
        var line = 1
        var position = 0
        func skipWhitespace() {
            while position < bytes.count, JSONBytes.isWhitespace(bytes[position]) {
                if bytes[position] == 0x0A { line += 1 }
                position += 1
            }
        }
        skipWhitespace()
        position += 1  // the opening bracket
        skipWhitespace()
        var row = 0
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
        } else {
            while true {
                guard position < bytes.count else {
                    throw AssayError(
                        .input, file: file, line: line, "the file ends inside the JSON array; is it cut short?")
                }
                let start = position
                let startLine = line
                let end = try elementEnd(bytes, from: start, line: &line, file: file)
                var trimmed = end
                while trimmed > start, JSONBytes.isWhitespace(bytes[trimmed - 1]) { trimmed -= 1 }
                row += 1
                try body(UnsafeBufferPointer(rebasing: bytes[start..<trimmed]), startLine, row)
                position = end + 1
                if bytes[end] == UInt8(ascii: "]") { break }
                if bytes[end] == UInt8(ascii: "}") {
                    throw AssayError(
                        .input, file: file, line: startLine, "malformed JSON (an unmatched '}'); check the brackets")
                }
                skipWhitespace()
            }
        }
        skipWhitespace()
        if position < bytes.count {
            throw AssayError(
                .input, file: file, line: line,
                "more text after the JSON array closes; a .json file must hold one array of objects")
        }
    }

    /// The index of the `,` or `]` that ends the element starting at `start`, counting newlines into
    /// `line`; commas and brackets inside strings and nested values do not count.
    private static func elementEnd(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: inout Int, file: String
    ) throws -> Int {
        var depth = 0
        var inString = false
        var escaped = false
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return index }  // a "}" here leaves the element malformed; decoding says so
                    depth -= 1
                case UInt8(ascii: ","):
                    if depth == 0 { return index }
                default: break
                }
            }
            index += 1
        }
        throw AssayError(.input, file: file, line: line, "the file ends inside the JSON array; is it cut short?")
    }
}
