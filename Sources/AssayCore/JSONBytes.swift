/// JSON texts edited as bytes: where a value lies, so that it can be replaced with every other byte left
/// as it was; a text without its white space; a string quoted. `DatasetRewriter` writes rows this way.
///
/// The bytes are one well-formed JSON text, as the loader has checked every record it read; on
/// malformed input the answer is nil or some range inside the bytes, never a crash.
enum JSONBytes {
    /// The bytes of the value at `path` in `object`, read as `FieldPath.resolve` reads it: a key that is
    /// the whole path, dots and all, wins over the path; an index below zero counts from the end. Nil
    /// when the path leads nowhere.
    ///
    /// - Complexity: O(bytes).
    static func valueRange(of path: FieldPath, in object: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let root = skipWhitespace(object, from: 0)
        if let whole = members(object, at: root)?.last(where: { $0.key == path.text }) { return whole.value }
        var value = root..<valueEnd(object, from: root)
        for component in path.components {
            switch component {
            case .key(let key):
                guard let found = members(object, at: value.lowerBound)?.last(where: { $0.key == key }) else {
                    return nil
                }
                value = found.value
            case .index(let index):
                guard let items = elements(object, at: value.lowerBound) else { return nil }
                let position = index < 0 ? items.count + index : index
                guard items.indices.contains(position) else { return nil }
                value = items[position]
            }
        }
        return value
    }

    /// The members of the object starting at `start`: each key, decoded, and its value's bytes; nil
    /// when no object starts there.
    private static func members(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> [(
        key: String, value: Range<Int>
    )]? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else { return nil }
        var found: [(key: String, value: Range<Int>)] = []
        var index = skipWhitespace(bytes, from: start + 1)
        while index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            let keyEnd = stringEnd(bytes, from: index)
            guard case .string(let key) = JSONParser.parse(UnsafeBufferPointer(rebasing: bytes[index..<keyEnd])) else {
                return nil
            }
            index = skipWhitespace(bytes, from: keyEnd)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            let valueStart = skipWhitespace(bytes, from: index + 1)
            let end = valueEnd(bytes, from: valueStart)
            found.append((key, valueStart..<end))
            index = skipWhitespace(bytes, from: end)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { break }
            index = skipWhitespace(bytes, from: index + 1)
        }
        return found
    }

    /// The bytes of each element of the array starting at `start`; nil when no array starts there.
    private static func elements(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> [Range<Int>]? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "[") else { return nil }
        var found: [Range<Int>] = []
        var index = skipWhitespace(bytes, from: start + 1)
        while index < bytes.count, bytes[index] != UInt8(ascii: "]") {
            let end = valueEnd(bytes, from: index)
            found.append(index..<end)
            index = skipWhitespace(bytes, from: end)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { break }
            index = skipWhitespace(bytes, from: index + 1)
        }
        return found
    }

    /// The index just past the value starting at `start`: a string, an object or array (strings inside
    /// it skipped whole), or a number or literal.
    private static func valueEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < bytes.count else { return start }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return stringEnd(bytes, from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index = stringEnd(bytes, from: index)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default:
                    break
                }
                index += 1
            }
            return index
        default:
            var index = start
            while index < bytes.count, !isDelimiter(bytes[index]) { index += 1 }
            return index
        }
    }

    /// The index just past the closing quote of the string whose opening quote is at `start`.
    private static func stringEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return bytes.count
    }

    /// Whether `byte` ends a number or literal: white space, a comma or a closing bracket.
    private static func isDelimiter(_ byte: UInt8) -> Bool {
        isWhitespace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
    }

    /// Whether `byte` is JSON white space: space, line feed, carriage return or tab.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func skipWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, isWhitespace(bytes[index]) { index += 1 }
        return index
    }

    /// `bytes`, one JSON text, without the white space between its tokens: one line, every string and
    /// number as written.
    ///
    /// - Complexity: O(bytes).
    static func compacted(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let end = stringEnd(bytes, from: index)
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                index = end
                continue
            }
            if !isWhitespace(byte) { result.append(byte) }
            index += 1
        }
        return result
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped, everything else
    /// as its UTF-8 bytes.
    static func quoted(_ text: String) -> [UInt8] {
        var result: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): result += Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): result += Array(#"\\"#.utf8)
            case 0x0A: result += Array(#"\n"#.utf8)
            case 0x0D: result += Array(#"\r"#.utf8)
            case 0x09: result += Array(#"\t"#.utf8)
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                result += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: result.append(byte)
            }
        }
        result.append(UInt8(ascii: "\""))
        return result
    }
}
