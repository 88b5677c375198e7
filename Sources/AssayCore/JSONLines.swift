import Foundation

/// The lines of a JSON Lines buffer: split on `\n`, a trailing `\r` dropped, blank lines (spaces and
/// tabs only) skipped, a leading UTF-8 byte order mark ignored. Line numbers count every line.
public enum JSONLines {
    /// Calls `body` with each non-blank line and its 1-based line number.
    ///
    /// - Returns: the number of lines, blank ones included.
    /// - Complexity: O(bytes).
    @discardableResult
    public static func forEachLine(
        in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void
    ) rethrows -> Int {
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
        return number
    }
}

extension JSONLines {
    /// Splits bytes that arrive in pieces (an inflating stream) into the lines `forEachLine` would give
    /// for their concatenation, with the same numbers. A line that spans pieces is gathered in a buffer,
    /// which may not grow past `maxLineBytes`.
    struct Splitter {
        let maxLineBytes: Int
        /// The start of a line whose end has not arrived yet.
        private var carry: [UInt8] = []
        /// Lines seen so far, blank ones included.
        private(set) var lineCount = 0

        init(maxLineBytes: Int) { self.maxLineBytes = maxLineBytes }

        /// Splits `piece`, calling `body` with each non-blank line completed in it.
        ///
        /// - Parameter tooLong: called with the line number when a line outgrows `maxLineBytes`; it throws.
        mutating func feed(
            _ piece: UnsafeBufferPointer<UInt8>, tooLong: (Int) throws -> Never,
            _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void
        ) throws {
            var start = 0
            while start < piece.count {
                guard let newline = Self.index(of: 0x0A, in: piece, from: start) else {
                    carry.append(contentsOf: UnsafeBufferPointer(rebasing: piece[start...]))
                    if carry.count > maxLineBytes { try tooLong(lineCount + 1) }
                    return
                }
                if carry.isEmpty {
                    try emit(UnsafeBufferPointer(rebasing: piece[start..<newline]), body)
                } else {
                    carry.append(contentsOf: UnsafeBufferPointer(rebasing: piece[start..<newline]))
                    try carry.withUnsafeBufferPointer { try emit($0, body) }
                    carry.removeAll(keepingCapacity: true)
                }
                start = newline + 1
            }
        }

        /// Ends the stream: a last line without a newline is a line.
        mutating func finish(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
            guard !carry.isEmpty else { return }
            try carry.withUnsafeBufferPointer { try emit($0, body) }
            carry = []
        }

        private mutating func emit(
            _ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void
        ) throws {
            lineCount += 1
            var line = bytes
            if lineCount == 1, line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
                line = UnsafeBufferPointer(rebasing: line[3...])
            }
            if let last = line.last, last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            try body(line, lineCount)
        }

        private static func index(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
            guard let base = bytes.baseAddress, start < bytes.count,
                let found = memchr(base + start, Int32(byte), bytes.count - start)
            else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
    }
}
