import AssayTestSupport
import Foundation
import Testing

@testable import AssayCore

/// `JSONLines.Splitter`, which reads compressed JSON Lines as they are inflated, gives exactly the lines
/// and numbers `JSONLines.forEachLine` gives for the whole buffer, however the bytes are cut into pieces.
@Suite struct LineSplitterTests {
    struct TooLong: Error, Equatable { let line: Int }

    /// A byte order mark, CRLF and LF endings, blank and whitespace-only lines, non-ASCII text, an empty
    /// line between two `\r\n`, and a last line without a newline.
    static let text = "\u{FEFF}{\"a\": 1}\r\n\n  \t\n{\"b\": \"é—✓\"}\n\r\n{\"c\": [1, 2]}\n\n{\"d\": null}"

    static func lines(of bytes: [UInt8], pieces size: Int) throws -> (lines: [String], count: Int) {
        var splitter = JSONLines.Splitter(maxLineBytes: 1 << 20)
        var seen: [String] = []
        func record(_ line: UnsafeBufferPointer<UInt8>, _ number: Int) {
            seen.append("\(number):\(String(decoding: line, as: UTF8.self))")
        }
        try bytes.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                let end = min(start + size, all.count)
                try splitter.feed(
                    UnsafeBufferPointer(rebasing: all[start..<end]), tooLong: { throw TooLong(line: $0) },
                    record)
                start = end
            }
        }
        try splitter.finish(record)
        return (seen, splitter.lineCount)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 7, 16, 1000])
    func anyCuttingGivesTheLinesOfTheWholeBuffer(pieceSize: Int) throws {
        let bytes = Array(Self.text.utf8)
        var whole: [String] = []
        bytes.withUnsafeBufferPointer { all in
            JSONLines.forEachLine(in: all) { line, number in
                whole.append("\(number):\(String(decoding: line, as: UTF8.self))")
            }
        }
        // Hand count: lines 1, 4, 6 and 8 hold objects; the BOM and the `\r` are not part of a line.
        #expect(whole == ["1:{\"a\": 1}", "4:{\"b\": \"é—✓\"}", "6:{\"c\": [1, 2]}", "8:{\"d\": null}"])
        let split = try Self.lines(of: bytes, pieces: pieceSize)
        #expect(split.lines == whole)
        #expect(split.count == 8)
    }

    @Test func aTrailingNewlineEndsTheLastLineWithoutStartingAnother() throws {
        let split = try Self.lines(of: Array("{\"a\": 1}\n{\"b\": 2}\n".utf8), pieces: 3)
        #expect(split.lines == ["1:{\"a\": 1}", "2:{\"b\": 2}"] && split.count == 2)
    }

    @Test func aLineOverTheLimitStopsAtThatLine() throws {
        var splitter = JSONLines.Splitter(maxLineBytes: 10)
        var seen: [Int] = []
        let bytes = Array("{\"a\": 1}\n{\"text\": \"twelve bytes and more\"}\n".utf8)
        #expect(throws: TooLong(line: 2)) {
            try bytes.withUnsafeBufferPointer { all in
                for start in stride(from: 0, to: all.count, by: 4) {
                    try splitter.feed(
                        UnsafeBufferPointer(rebasing: all[start..<min(start + 4, all.count)]),
                        tooLong: { throw TooLong(line: $0) }, { _, number in seen.append(number) })
                }
            }
        }
        #expect(seen == [1])
    }
}
