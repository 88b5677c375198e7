import Testing

@testable import AssayEmbed

/// What MiniLM's 256-word-piece limit cuts, counted on a hand-made vocabulary where every piece is known:
/// `a` is one piece, `bbb` is `b ##b ##b`.
@Suite struct TruncationTests {
    static let tokenizer = WordPieceTokenizerTests.tokenizer(["a", "b", "##b"])

    /// `count` copies of `word`, separated by spaces.
    static func words(_ word: String, _ count: Int) -> String {
        Array(repeating: word, count: count).joined(separator: " ")
    }

    @Test func eachTextLosesItsPiecesBeyondTheLimitWithClsAndSep() {
        // 254, 255, 300, 360 (120 × 3) and 0 word pieces: sequences of 256, 257, 302, 362 and 2.
        let texts = [
            Self.words("a", 254), Self.words("a", 255), Self.words("a", 300), Self.words("bbb", 120), "",
        ]
        #expect(texts.map { Self.tokenizer.wordPieceIDs($0).count } == [254, 255, 300, 360, 0])
        let cut = Truncation(texts: texts, tokenizer: Self.tokenizer, maxLength: 256)
        #expect(cut == Truncation(maxLength: 256, rows: 5, rowsCut: 3, piecesCut: 1 + 46 + 106, largestCut: 106))
        // The counts are what encode leaves out.
        let dropped = texts.map { Self.tokenizer.wordPieceIDs($0).count + 2 - Self.tokenizer.encode($0).count }
        #expect(dropped == [0, 1, 46, 106, 0])
    }

    @Test func countsOverManyChunksAddUp() {
        // 700 texts: three chunks of 256 and more; every third text has 255 pieces (cut by 1), the rest 10.
        let texts = (0..<700).map { $0 % 3 == 0 ? Self.words("a", 255) : Self.words("a", 10) }
        let cut = Truncation(texts: texts, tokenizer: Self.tokenizer, maxLength: 256)
        #expect(cut == Truncation(maxLength: 256, rows: 700, rowsCut: 234, piecesCut: 234, largestCut: 1))
    }

    @Test func noTextsCutNothing() {
        let cut = Truncation(texts: [], tokenizer: Self.tokenizer, maxLength: 256)
        #expect(cut == Truncation(maxLength: 256))
    }
}
