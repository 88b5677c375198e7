/// The lines of a JSON Lines buffer: split on `\n`, a trailing `\r` dropped, blank lines (spaces and
/// tabs only) skipped, a leading UTF-8 byte order mark ignored. Line numbers count every line.
public enum JSONLines {
    /// Calls `body` with each non-blank line and its 1-based line number.
    ///
    /// - Complexity: O(bytes).
    public static func forEachLine(
        in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void
    ) rethrows {
        var start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        var number = 0
        while start < bytes.count {
            number += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let next = end + 1
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            start = next
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            try body(line, number)
        }
    }
}
