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
        let text = withoutByteOrderMark(bytes)
        return try forEachLineRange(in: text) { range, _, number in
            let line = UnsafeBufferPointer(rebasing: text[range])
            if !isBlank(line) { try body(line, number) }
        }
    }

    /// Calls `body` with every line of `bytes` (a byte order mark not taken off), blank ones included: the
    /// range of its text (the `\n` and a trailing `\r` left out), the index where the next line starts (past
    /// the `\n`, or the end), and its 1-based number — the numbers `forEachLine` gives.
    ///
    /// - Returns: the number of lines.
    /// - Complexity: O(bytes).
    @discardableResult
    static func forEachLineRange(
        in bytes: UnsafeBufferPointer<UInt8>, _ body: (_ text: Range<Int>, _ next: Int, _ number: Int) throws -> Void
    ) rethrows -> Int {
        var start = 0
        var number = 0
        while start < bytes.count {
            number += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let next = min(end + 1, bytes.count)
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            try body(start..<end, next, number)
            start = next
        }
        return number
    }

    /// Whether `line` holds only spaces and tabs (or nothing): a blank line, which is not a row.
    static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// `bytes` without a leading UTF-8 byte order mark.
    static func withoutByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF else { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[3...])
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
            var line = lineCount == 1 ? JSONLines.withoutByteOrderMark(bytes) : bytes
            if let last = line.last, last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
            if JSONLines.isBlank(line) { return }
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
