import AssayCore
import AssayTestSupport
import Foundation
import Testing

@testable import AssayText

/// Script detection and language identification on the hand-made fixtures of `fixtures/language` and on the
/// held-out sentences of `fixtures/data/language/heldout.jsonl` (Debian's translated man pages and fortunes,
/// never seen by the profiles, which come from langdetect's Wikipedia abstracts).
@Suite struct LanguageTests {
    static func rows(_ name: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: TestPaths.fixture(name), encoding: .utf8)
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }

    @Test func everyScriptOfTheFixtureIsDetectedExactly() throws {
        let rows = try Self.rows("language/scripts.jsonl")
        #expect(rows.count == 12)
        let identifier = LanguageIdentifier()
        for row in rows {
            let text = try #require(row["text"] as? String)
            let counts = ScriptCounts(text)
            #expect(counts.dominant.code == row["script"] as? String, "\(text)")
            if let script = row["unicode_script"] as? String {
                // Every letter of the row is of its one script.
                #expect(counts.letters(of: script) == counts.letters, "\(script): \(text)")
            }
            let guess = identifier.identify(text)
            #expect(guess.language == row["language"] as? String, "\(text)")
            #expect(guess.script == counts.dominant)
        }
    }

    @Test func scriptsAreMergedIntoWritingSystems() {
        // Han alone is Chinese; Han with kana is Japanese; Hangul with Han is Korean.
        #expect(ScriptCounts("中文文本").dominant == .han)
        #expect(ScriptCounts("漢字とかな").dominant == .japanese)
        #expect(ScriptCounts("韓國 한국어").dominant == .korean)
        // Digits, punctuation and emoji are no letters.
        #expect(ScriptCounts("2024 — 😀!").dominant == .none)
        #expect(ScriptCounts("2024 — 😀!").letters == 0)
        // A combining accent is no letter (Inherited), a Devanagari vowel sign is.
        #expect(ScriptCounts("e\u{301}").letters == 1)
        #expect(ScriptCounts("\u{915}\u{93F}").letters == 2)
    }

    @Test func tooFewLettersAreUndetermined() {
        let identifier = LanguageIdentifier()
        #expect(identifier.identify("ok").language == LanguageIdentifier.undetermined)
        #expect(identifier.identify("12 345 !!").language == LanguageIdentifier.undetermined)
        #expect(identifier.identify("").script == .none)
    }

    @Test func theProfilesHaveEveryLanguageOfTheirScripts() {
        let languages = LanguageProfiles.standard.languages
        // langdetect's 31 Latin and 4 Cyrillic languages but Afrikaans and Macedonian (scripts/language/make-profiles.py).
        #expect(languages[.latin]?.count == 30)
        #expect(languages[.latin]?.contains("af") == false)
        #expect(Set(languages[.cyrillic] ?? []) == ["bg", "ru", "uk"])
        #expect(Set(languages[.arabic] ?? []) == ["ar", "fa", "ur"])
        #expect(Set(languages[.devanagari] ?? []) == ["hi", "mr", "ne"])
    }

    /// The ten languages the issue names as the most common, which must reach 0.97 on sentences of 10+ words.
    static let commonest = ["en", "es", "fr", "de", "pt", "ru", "it", "nl", "pl", "tr"]

    @Test func heldOutSentencesOfTenWordsOrMoreAreIdentified() throws {
        let rows = try Self.rows("data/language/heldout.jsonl")
        let identifier = LanguageIdentifier()
        var right: [String: Int] = [:]
        var total: [String: Int] = [:]
        for row in rows {
            guard let text = row["text"] as? String, let label = row["label"] as? String,
                let words = row["words"] as? Int, words >= 10
            else { continue }
            total[label, default: 0] += 1
            if identifier.identify(text).language == label { right[label, default: 0] += 1 }
        }
        for language in Self.commonest {
            let n = try #require(total[language], "no held-out sentences of \(language)")
            #expect(n >= 40, "\(language): \(n) sentences")
            let accuracy = Double(right[language] ?? 0) / Double(n)
            #expect(accuracy >= 0.97, "\(language): \(right[language] ?? 0) of \(n)")
        }
    }
}
