import Testing

@testable import AssayText

/// `TextNormalization` against hand-written expectations.
///
/// Results are compared by their UTF-8 bytes: `String ==` treats canonically equivalent strings as equal,
/// which would hide whether NFKC composed "e" + U+0301 into "é".
@Suite struct TextNormalizationTests {
    /// (text, expected normalised text). Non-ASCII is written as escapes so the bytes are unambiguous.
    static let normalizedCases: [(String, String)] = [
        ("  Hello,\tWORLD!! ", "hello world"),
        // Ｆｕｌｌ－ｗｉｄｔｈ: fullwidth letters and U+FF0D FULLWIDTH HYPHEN-MINUS become ASCII under NFKC;
        // the hyphen is punctuation and goes, joining the two halves.
        ("\u{FF26}\u{FF55}\u{FF4C}\u{FF4C}\u{FF0D}\u{FF57}\u{FF49}\u{FF44}\u{FF54}\u{FF48}", "fullwidth"),
        // The ligature ﬁ (U+FB01) is "fi" under NFKC; ² (U+00B2) is "2".
        ("\u{FB01}sh", "fish"),
        ("x\u{B2}", "x2"),
        ("MiXeD CaSe", "mixed case"),
        // Curly quotes (U+201C, U+201D: Pi, Pf) and the em dash (U+2014: Pd) are punctuation.
        ("\u{201C}Quoted\u{201D} \u{2014} text", "quoted text"),
        // U+2019 is a final quote: the apostrophe goes and the word closes up.
        ("It\u{2019}s", "its"),
        ("don't co-op a - b", "dont coop a b"),
        // ASCII punctuation, all of it: ! " # % & ' ( ) * , - . / : ; ? @ [ \ ] _ { }
        ("a!\"#%&'()*,-./:;?@[\\]_{}b", "ab"),
        // ASCII symbols are not punctuation (category S*) and stay, as does the euro sign.
        ("$5 + 3 = 8 < 9 > 7 ^ ` | ~ \u{20AC}2", "$5 + 3 = 8 < 9 > 7 ^ ` | ~ \u{20AC}2"),
        // Spanish inverted marks (U+00BF, U+00A1) go; é decomposed (e + U+0301) composes to U+00E9.
        ("\u{BF}Que\u{301}? \u{A1}S\u{CD}!", "qu\u{E9} s\u{ED}"),
        // The ideographic comma and full stop (U+3001, U+3002) are punctuation: 東京、大阪。 → 東京大阪.
        ("\u{6771}\u{4EAC}\u{3001}\u{5927}\u{962A}\u{3002}", "\u{6771}\u{4EAC}\u{5927}\u{962A}"),
        // Tabs, newlines, CR LF, form feed, no-break space (NFKC: a space), U+2028 and U+3000 are whitespace.
        ("line one\nline two\r\n\tend", "line one line two end"),
        ("a\u{C}b\u{A0}c\u{2028}d\u{3000}e", "a b c d e"),
        // İ (U+0130) lowercases to i + U+0307 by the Unicode mapping; Σ (U+03A3) to σ (U+03C3).
        ("\u{130}stanbul \u{3A3}", "i\u{307}stanbul \u{3C3}"),
        ("_under_score_", "underscore"),
        ("", ""),
        ("   \t\n ", ""),
        ("!!! ... ???", ""),
        ("word", "word"),
    ]

    @Test(arguments: normalizedCases)
    func normalizedMatchesHandWrittenExpectation(text: String, expected: String) {
        #expect(Array(TextNormalization.normalized(text).utf8) == Array(expected.utf8))
    }

    /// (text, expected exact key): NFKC only; case, punctuation and spacing are kept.
    static let exactKeyCases: [(String, String)] = [
        ("Hello,  World!", "Hello,  World!"),
        ("\u{FB01}", "fi"),
        ("e\u{301}", "\u{E9}"),
        ("\u{FF21}\u{FF0C} \u{2460}", "A, 1"),
        ("\u{201C}Caf\u{E9}\u{201D}", "\u{201C}Caf\u{E9}\u{201D}"),
        ("", ""),
    ]

    @Test(arguments: exactKeyCases)
    func exactKeyIsNFKC(text: String, expected: String) {
        #expect(Array(TextNormalization.exactKey(text).utf8) == Array(expected.utf8))
    }

    @Test func encodingVariantsShareAnExactKey() {
        // "café" precomposed and decomposed, and "ﬁne" with and without the ligature.
        #expect(
            Array(TextNormalization.exactKey("caf\u{E9}").utf8) == Array(TextNormalization.exactKey("cafe\u{301}").utf8)
        )
        #expect(Array(TextNormalization.exactKey("\u{FB01}ne").utf8) == Array("fine".utf8))
        #expect(TextNormalization.exactKey("Fine") != TextNormalization.exactKey("fine"))
    }

    @Test func normalizingTwiceChangesNothing() {
        for (text, _) in Self.normalizedCases {
            let once = TextNormalization.normalized(text)
            #expect(Array(TextNormalization.normalized(once).utf8) == Array(once.utf8))
        }
    }
}
