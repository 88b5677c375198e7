import AssayTestSupport
import Foundation
import Testing

@testable import AssayCore

/// `WordTokenizer` against hand-written expectations.
///
/// Tokens are compared by their UTF-8 bytes: `String ==` treats canonically equivalent strings as
/// equal, which would hide whether "é" came out precomposed or as "e" + U+0301.
@Suite struct TokenizerTests {
    let tokenizer = WordTokenizer()

    func tokenBytes(_ text: String) -> [[UInt8]] {
        tokenizer.tokens(text).map { Array($0.utf8) }
    }

    /// (text, expected tokens). Non-ASCII is written as escapes so the bytes are unambiguous.
    static let cases: [(String, [String])] = [
        ("Hello, World!", ["hello", "world"]),
        // Apostrophes between letters stay; the periods of "U.S.A." and the em dash separate.
        ("It's the U.S.A. \u{2014} isn't it?", ["it's", "the", "u", "s", "a", "isn't", "it"]),
        // U+2019 between letters is written as U+0027.
        ("don\u{2019}t", ["don't"]),
        ("'quoted'", ["quoted"]),
        ("\u{2018}curly\u{2019}", ["curly"]),
        ("dogs' ", ["dogs"]),
        ("dogs'", ["dogs"]),
        ("it\u{2019}", ["it"]),
        ("\u{2019}tis", ["tis"]),
        ("rock 'n' roll", ["rock", "n", "roll"]),
        ("rock''n", ["rock", "n"]),
        // An apostrophe followed by a non-ASCII letter stays inside the token.
        ("l'\u{E9}t\u{E9}", ["l'\u{E9}t\u{E9}"]),
        // É (U+00C9) → é (U+00E9), Ü (U+00DC) → ü (U+00FC); ï (U+00EF) is already lowercase.
        ("\u{C9}COLE \u{DC}n\u{EF}code", ["\u{E9}cole", "\u{FC}n\u{EF}code"]),
        // ΑΘΗΝΑ → αθηνα (U+0391 → U+03B1, U+0398 → U+03B8, U+0397 → U+03B7, U+039D → U+03BD).
        ("\u{391}\u{398}\u{397}\u{39D}\u{391}", ["\u{3B1}\u{3B8}\u{3B7}\u{3BD}\u{3B1}"]),
        // İ (U+0130) lowercases, by the Unicode mapping, to i + U+0307 COMBINING DOT ABOVE.
        ("\u{130}stanbul", ["i\u{307}stanbul"]),
        // Capital sharp s ẞ (U+1E9E) → ß (U+00DF); Œ (U+0152) → œ (U+0153).
        ("\u{1E9E} \u{152}UVRE", ["\u{DF}", "\u{153}uvre"]),
        ("MiXeD CaSe", ["mixed", "case"]),
        ("co-op 3.14 x2", ["co", "op", "3", "14", "x2"]),
        ("under_score", ["under", "score"]),
        ("a\tb\nc\r\nd", ["a", "b", "c", "d"]),
        ("$34 \u{20AC}20 80% 7:58", ["34", "20", "80", "7", "58"]),
        // Combining marks (U+0308 diaeresis, U+0301 acute) stay in their token, bytes unchanged.
        ("nai\u{308}ve cafe\u{301}", ["nai\u{308}ve", "cafe\u{301}"]),
        // Emoji separate tokens and are dropped.
        ("good\u{1F44D}bad", ["good", "bad"]),
        ("\u{1F600} \u{1F600}", []),
        // Han and kana runs are split by ICU's dictionary: 東京タワー is one entry of it (ー U+30FC is a modifier
        // letter), 我们今天去北京大学 → 我们 | 今天 | 去 | 北京 | 大学, and Thai ภาษาไทยสวยงาม → ภาษา | ไทย | สวยงาม; the
        // polite ending ました, which ICU splits after ま, is rejoined: 撮りました → 撮 | り | ました.
        ("\u{6771}\u{4EAC}\u{30BF}\u{30EF}\u{30FC}", ["\u{6771}\u{4EAC}\u{30BF}\u{30EF}\u{30FC}"]),
        ("撮りました", ["撮", "り", "ました"]),
        ("我们今天去北京大学", ["我们", "今天", "去", "北京", "大学"]),
        ("ภาษาไทยสวยงาม", ["ภาษา", "ไทย", "สวยงาม"]),
        // A Latin word run into Han is split at the script change; spaces and punctuation still separate.
        ("iPhone的电池。很好", ["iphone", "的", "电池", "很好"]),
        // Arabic-Indic digits ١٢٣ are decimal digits: one token.
        ("\u{661}\u{662}\u{663}", ["\u{661}\u{662}\u{663}"]),
        ("", []),
        ("  ,;!?  ", []),
    ]

    @Test(arguments: cases)
    func tokensMatchHandWrittenExpectation(text: String, expected: [String]) {
        #expect(tokenBytes(text) == expected.map { Array($0.utf8) })
    }

    @Test func forEachTokenYieldsTheSameTokensInOrder() {
        var seen: [String] = []
        tokenizer.forEachToken(in: "One two, THREE") { seen.append(String(decoding: $0, as: UTF8.self)) }
        #expect(seen == ["one", "two", "three"])
    }

    @Test func asciiLetterBoundariesAreNotWordCharacters() {
        // The bytes just outside A–Z, a–z and 0–9: @ [ ` { / : separate tokens.
        #expect(tokenizer.tokens("a@b[c`d{e/f:g") == ["a", "b", "c", "d", "e", "f", "g"])
    }

    @Test func emojiPresentationSelectorIsNotAToken() {
        // ❤️ is U+2764 + U+FE0F VARIATION SELECTOR-16. The type doc says emoji separate tokens and
        // are dropped, so "I ❤️ it" → ["i", "it"]; a variation selector is skipped, not a word character.
        #expect(tokenizer.tokens("I \u{2764}\u{FE0F} it") == ["i", "it"])
        // The keycap emoji #️⃣ is # + U+FE0F + U+20E3 COMBINING ENCLOSING KEYCAP: symbols only.
        #expect(tokenizer.tokens("press #\u{FE0F}\u{20E3} now") == ["press", "now"])
        // Keycap 1 (1 + U+FE0F + U+20E3) is the digit 1.
        #expect(tokenizer.tokens("1\u{FE0F}\u{20E3}") == ["1"])
        // A combining mark on its own is dropped; after a letter it stays in the word.
        #expect(tokenizer.tokens("\u{0301}x e\u{0301}") == ["x", "e\u{0301}"])
    }
}

/// Word counts of Chinese and Japanese against a hand segmentation (`fixtures/language/zh.jsonl`, `ja.jsonl`:
/// PKU conventions for Chinese, short units for Japanese, written for this project).
@Suite struct UnspacedSegmentationTests {
    /// The hand words and the tokenizer's words of every row of a fixture.
    static func counts(_ name: String) throws -> (hand: Int, tokens: Int, rows: Int) {
        let text = try String(contentsOfFile: TestPaths.fixture(name), encoding: .utf8)
        var hand = 0
        var tokens = 0
        var rows = 0
        for line in text.split(separator: "\n") {
            let row = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let words = try #require(row["words"] as? Int)
            let sentence = try #require(row["text"] as? String)
            hand += words
            tokens += WordTokenizer().tokens(sentence).count
            rows += 1
        }
        return (hand, tokens, rows)
    }

    @Test(arguments: ["language/zh.jsonl", "language/ja.jsonl"])
    func wordCountsAreWithinTenPercentOfAHandSegmentation(name: String) throws {
        let (hand, tokens, rows) = try Self.counts(name)
        #expect(rows == 20)
        #expect(hand > 200)
        // Before ICU segmentation each run between punctuation was one word: 2 to 4 per row.
        #expect(abs(Double(tokens - hand)) / Double(hand) <= 0.10, "\(name): \(tokens) tokens, \(hand) by hand")
    }
}
