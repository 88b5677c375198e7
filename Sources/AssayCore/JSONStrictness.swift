/// The two things a JSON parser lets pass that a dataset must not: a key given twice in one object
/// (Foundation's decoder silently keeps one of them, so a row could mean two things) and a `\u`
/// escape of a lone UTF-16 surrogate (which no UTF-8 text can hold).
///
/// RFC 8259 §4 says names within an object "SHOULD be unique" and leaves duplicates to the
/// implementation; §7 allows lone surrogate escapes in the grammar but they encode no character.
/// Assay rejects both. Keys are compared as written, so `"a"` and `"\u0061"` count as different.
enum JSONStrictness {
    struct Problem: Equatable {
        /// The 1-based column (in bytes) where the problem starts.
        var column: Int
        var message: String
    }

    /// The first duplicate key or lone-surrogate escape in `bytes`, one JSON text, or nil. Only
    /// strings and object structure are looked at; malformed JSON is left to the parser.
    ///
    /// - Complexity: O(bytes).
    static func firstProblem(in bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        var objects: [Set<String>?] = []  // one entry per open container; nil for an array
        var expectingKey = false
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let start = index
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                    if bytes[end] == UInt8(ascii: "\\") {
                        if end + 1 < bytes.count, bytes[end + 1] == UInt8(ascii: "u"),
                            let problem = surrogateProblem(bytes, at: end)
                        {
                            return problem
                        }
                        end += 1
                    }
                    end += 1
                }
                if expectingKey, let keys = objects.last, var keys {
                    let key = String(
                        decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<min(end, bytes.count)]),
                        as: UTF8.self)
                    if !keys.insert(key).inserted {
                        return Problem(
                            column: start + 1,
                            message: "the key \"\(TerminalText.safe(key, limit: 80))\" appears twice in one object; "
                                + "JSON readers disagree on which to keep, so give each key once")
                    }
                    objects[objects.count - 1] = keys
                    expectingKey = false
                }
                index = end + 1
                continue
            case UInt8(ascii: "{"):
                objects.append([])
                expectingKey = true
            case UInt8(ascii: "["):
                objects.append(nil)
                expectingKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = objects.popLast()
                expectingKey = false
            case UInt8(ascii: ","):
                expectingKey = (objects.last ?? nil) != nil
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The problem with the `\uXXXX` escape at `backslash`, if it is half of a surrogate pair alone.
    private static func surrogateProblem(_ bytes: UnsafeBufferPointer<UInt8>, at backslash: Int) -> Problem? {
        guard let unit = hexUnit(bytes, at: backslash + 2) else { return nil }
        let written = String(decoding: UnsafeBufferPointer(rebasing: bytes[backslash..<(backslash + 6)]), as: UTF8.self)
        switch unit {
        case 0xD800...0xDBFF:
            let next = backslash + 6
            if next + 1 < bytes.count, bytes[next] == UInt8(ascii: "\\"), bytes[next + 1] == UInt8(ascii: "u"),
                let low = hexUnit(bytes, at: next + 2), (0xDC00...0xDFFF).contains(low)
            {
                return nil
            }
            return Problem(
                column: backslash + 1,
                message: "invalid \\u escape \(written): a high surrogate with no low surrogate after it; "
                    + "a character outside the Basic Multilingual Plane is written as a pair such as \\uD83D\\uDE00")
        case 0xDC00...0xDFFF:
            // A low surrogate that completes a pair is skipped with its high half, so one seen here is alone.
            if backslash >= 6, let high = hexUnit(bytes, at: backslash - 4), (0xD800...0xDBFF).contains(high),
                bytes[backslash - 6] == UInt8(ascii: "\\"), bytes[backslash - 5] == UInt8(ascii: "u")
            {
                return nil
            }
            return Problem(
                column: backslash + 1,
                message: "invalid \\u escape \(written): a low surrogate with no high surrogate before it; "
                    + "a character outside the Basic Multilingual Plane is written as a pair such as \\uD83D\\uDE00")
        default:
            return nil
        }
    }

    /// The four hex digits at `start` as a UTF-16 code unit.
    private static func hexUnit(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> UInt16? {
        guard start + 4 <= bytes.count else { return nil }
        var value: UInt16 = 0
        for byte in bytes[start..<(start + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }
}
