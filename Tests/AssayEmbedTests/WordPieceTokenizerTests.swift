import AssayCore
import AssayTestSupport
import Foundation
import Testing

@testable import AssayEmbed

/// The BERT uncased tokenizer: against the reference token ids of HuggingFace's tokenizer for the model's
/// vocab.txt, and rule by rule on a small hand-made vocabulary.
@Suite struct WordPieceTokenizerTests {
    static let vocabularyPath = TestPaths.modelDirectory + "/vocab.txt"

    /// `[PAD]` at 0, `[unused…]` fillers, `[UNK]` 100, `[CLS]` 101, `[SEP]` 102, `[MASK]` 103, then `words`.
    static func tokenizer(_ words: [String]) -> WordPieceTokenizer {
        var vocabulary = ["[PAD]"] + (1..<100).map { "[unused\($0)]" }
        vocabulary += ["[UNK]", "[CLS]", "[SEP]", "[MASK]"]
        return WordPieceTokenizer(vocabulary: vocabulary + words)
    }

    static let small = tokenizer([
        "u", "un", "##a", "##af", "##aff", "##able", "hello", "world", "cafe", ",", "!", "-", "the", "cat",
        "a", "我", "爱", "你", "です", "て", "##す", "hel", "##lo", "ab", "да", "aei", "—", "¿", "mask", "[",
        "]", "x", "##y",
    ])

    private func pieces(_ text: String, _ tokenizer: WordPieceTokenizer = small) -> [String] {
        tokenizer.tokens(tokenizer.wordPieceIDs(text))
    }

    private static func writeTemporary(_ contents: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("wordpiece-\(UUID().uuidString).txt").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    // MARK: - The reference

    @Test(.requiresModel)
    func everyReferenceSentenceGetsTheReferenceIDs() throws {
        let reference = try MiniLMReference.load()
        let tokenizer = try WordPieceTokenizer(vocabularyFile: Self.vocabularyPath)
        #expect(reference.sentences.count == 25)
        #expect(reference.sentences.contains { $0.truncated })
        for (index, sentence) in reference.sentences.enumerated() {
            let ids = tokenizer.encode(sentence.text)
            #expect(ids == sentence.tokenIDs, "sentence \(index): \(sentence.text)")
            #expect(tokenizer.tokens(ids) == sentence.tokens, "sentence \(index): \(sentence.text)")
            let pieces = tokenizer.wordPieceIDs(sentence.text)
            #expect(pieces.count + 2 == sentence.untruncatedCount, "sentence \(index): \(sentence.text)")
            #expect(Array(ids.dropFirst().dropLast()) == Array(pieces.prefix(254)), "sentence \(index)")
            if sentence.truncated {
                #expect(ids.count == 256 && ids.last == WordPieceTokenizer.separatorID, "sentence \(index)")
            }
        }
    }

    @Test(.requiresModel)
    func theModelVocabularyLoads() throws {
        let tokenizer = try WordPieceTokenizer(vocabularyFile: Self.vocabularyPath)
        #expect(tokenizer.vocabularySize == 30522)
        #expect(
            tokenizer.tokens([0, 100, 101, 102, 103]) == ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"])
        #expect(tokenizer.encode("") == [WordPieceTokenizer.classID, WordPieceTokenizer.separatorID])
        #expect(pieces("Hello [MASK] world[SEP]", tokenizer) == ["hello", "[MASK]", "world", "[SEP]"])
    }

    // MARK: - Rules on a small vocabulary

    @Test func wordPieceTakesTheLongestMatchFirst() {
        #expect(pieces("unaffable") == ["un", "##aff", "##able"])
        #expect(pieces("una") == ["un", "##a"])
        #expect(pieces("u") == ["u"])
        #expect(pieces("xyy") == ["x", "##y", "##y"])
    }

    @Test func aWordWithoutAMatchIsOneUnknown() {
        #expect(pieces("zebra") == ["[UNK]"])
        // "un" matches but "z" does not: the whole word is [UNK], not "un" + [UNK].
        #expect(pieces("unz the") == ["[UNK]", "the"])
        #expect(Self.small.wordPieceIDs("unz") == [WordPieceTokenizer.unknownID])
    }

    @Test func punctuationIsSplitOff() {
        #expect(pieces("hello,world!") == ["hello", ",", "world", "!"])
        #expect(pieces("the-cat") == ["the", "-", "cat"])
        // Unicode punctuation (Pd, Po) splits too; an unknown punctuation mark is [UNK] alone.
        #expect(pieces("the—cat¿") == ["the", "—", "cat", "¿"])
        #expect(pieces("cat…the") == ["cat", "[UNK]", "the"])
    }

    @Test func textIsLowercasedAndAccentsAreStripped() {
        #expect(pieces("Café") == ["cafe"])
        #expect(pieces("Cafe\u{301}") == ["cafe"])
        #expect(pieces("HELLO World") == ["hello", "world"])
        #expect(pieces("ÀÉÎ ДА") == ["aei", "да"])
    }

    @Test func cjkIdeographsAreWordsOfTheirOwn() {
        #expect(pieces("我爱你") == ["我", "爱", "你"])
        #expect(pieces("the我cat") == ["the", "我", "cat"])
        // Kana is not split into characters; "で" loses its voicing mark under NFD.
        #expect(pieces("です") == ["て", "##す"])
    }

    @Test func controlCharactersAreDroppedAndWhiteSpaceSeparates() {
        #expect(pieces("hel\u{0}lo a\u{200B}b \u{FFFD}the") == ["hello", "ab", "the"])
        #expect(pieces("\tthe\ncat\r\n") == ["the", "cat"])
        #expect(pieces("the\u{00A0}cat\u{3000}the\u{2028}cat") == ["the", "cat", "the", "cat"])
        #expect(pieces("   ").isEmpty)
    }

    // The reference (HuggingFace's fast tokenizer) classifies with Unicode 8.0 tables and leaves
    // U+2B820…U+2B91F out of its CJK ranges.
    @Test func unicodeCategoriesAreThoseOfTheReference() {
        #expect(pieces("the\u{2026}the") == ["the", "[UNK]", "the"])  // Po since 1.1: split
        #expect(pieces("the\u{061D}the") == ["[UNK]"])  // Po since 14.0: part of the word
        #expect(pieces("hel\u{0301}lo") == ["hello"])  // Mn since 1.1: dropped
        #expect(pieces("hel\u{1734}lo") == ["hello"])  // Mn in 8.0, Mc now: dropped
        #expect(pieces("the\u{1885}the") == ["[UNK]"])  // Lo in 8.0, Mn now: kept
        #expect(pieces("the\u{2B920}") == ["the", "[UNK]"])
        #expect(pieces("the\u{2B820}") == ["[UNK]"])
    }

    @Test func wordsLongerThanOneHundredScalarsAreUnknown() {
        let longest = String(repeating: "a", count: 100)
        #expect(pieces(longest) == ["a"] + Array(repeating: "##a", count: 99))
        #expect(pieces(longest + "a") == ["[UNK]"])
        #expect(pieces("the " + longest + "a cat") == ["the", "[UNK]", "cat"])
    }

    @Test func specialTokensWrittenInTheTextKeepTheirIDs() {
        #expect(pieces("hello [MASK] world") == ["hello", "[MASK]", "world"])
        #expect(pieces("hello[SEP]world") == ["hello", "[SEP]", "world"])
        // Only the exact spelling: lowercased, it is punctuation and a word.
        #expect(pieces("[mask]") == ["[", "mask", "]"])
    }

    @Test func encodeAddsClassAndSeparatorAndTruncates() {
        let tokenizer = Self.small
        let ids = tokenizer.encode("the cat the cat the")
        #expect(tokenizer.tokens(ids) == ["[CLS]", "the", "cat", "the", "cat", "the", "[SEP]"])
        #expect(
            tokenizer.tokens(tokenizer.encode("the cat the cat the", maxLength: 5)) == [
                "[CLS]", "the", "cat", "the", "[SEP]",
            ])
        #expect(tokenizer.encode("the cat", maxLength: 0) == [101, 102])
        #expect(tokenizer.encode("") == [101, 102])
        let many = Array(repeating: "cat", count: 300).joined(separator: " ")
        let encoded = tokenizer.encode(many)
        #expect(encoded.count == 256 && encoded.first == 101 && encoded.last == 102)
        #expect(tokenizer.wordPieceIDs(many).count == 300)
    }

    @Test func tokensOfUnknownIDsAreUnknown() {
        #expect(Self.small.tokens([-1, 100, 1_000_000]) == ["[UNK]", "[UNK]", "[UNK]"])
    }

    // MARK: - Loading vocab.txt

    @Test func aVocabularyFileLoadsLineByLine() throws {
        var lines = ["[PAD]"] + (1..<100).map { "[unused\($0)]" } + ["[UNK]", "[CLS]", "[SEP]", "[MASK]"]
        lines += ["hello", "##lo", "hel"]
        let path = try Self.writeTemporary(lines.joined(separator: "\r\n") + "\r\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let tokenizer = try WordPieceTokenizer(vocabularyFile: path)
        #expect(tokenizer.vocabularySize == 107)
        #expect(tokenizer.wordPieceIDs("hello hello") == [104, 104])
        #expect(tokenizer.encode("Hello") == [101, 104, 102])
    }

    @Test func anUnreadableOrEmptyVocabularyIsAnInputError() throws {
        #expect(throws: AssayError.self) { try WordPieceTokenizer(vocabularyFile: "/nonexistent/vocab.txt") }
        let empty = try Self.writeTemporary("")
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let error = #expect(throws: AssayError.self) { try WordPieceTokenizer(vocabularyFile: empty) }
        #expect(error?.kind == .input)
        #expect(error?.file == empty)
    }

    @Test func aVocabularyWithoutTheSpecialTokensIsRejected() throws {
        let path = try Self.writeTemporary("[PAD]\nhello\nworld\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: AssayError.self) { try WordPieceTokenizer(vocabularyFile: path) }
        #expect(error?.line == 101)
    }
}
