import AssayCore
import Testing

@testable import AssayMetrics

/// Rows that mix languages (`LanguageAudit.languages(ofSentences:)`): sentences written for this test, each of at
/// least 30 letters unless said otherwise.
@Suite struct MixedLanguageTests {
    @Test func aRowOfAnEnglishAndAGermanSentenceMixesTwoLanguages() {
        let text =
            "The weather stayed lovely for the whole week of our holiday. Das Wetter war während unseres ganzen Urlaubs wunderbar und sonnig."
        // German holds more letters (57 against 49), so it comes first.
        #expect(LanguageAudit.languages(ofSentences: text) == ["de", "en"])
    }

    @Test func oneLanguageIsNoMix() {
        let text =
            "The weather stayed lovely for the whole week of our holiday. We walked along the beach every single morning before breakfast."
        #expect(LanguageAudit.languages(ofSentences: text) == ["en"])
    }

    @Test func shortSentencesAndSmallSharesDoNotCount() {
        // "Danke schön!" has 10 letters, under the 30 a sentence needs.
        let short = "Thank you so much for the wonderful dinner last night with us. Danke schön!"
        #expect(LanguageAudit.languages(ofSentences: short) == ["en"])
        // A German sentence of 33 letters against 150 English letters (49 + 54 + 47): 18%, under the 20% share.
        let small =
            "The weather stayed lovely for the whole week of our holiday. We walked along the beach every single morning before breakfast. The hotel staff were friendly and the food was excellent. Das Essen im Hotel war wirklich sehr gut."
        #expect(LanguageAudit.languages(ofSentences: small) == ["en"])
    }

    // Rows too short to identify: no main language, so no rate of rows in other languages (rather than 100%).
    @Test func noIdentifiedRowMeansNoOtherLanguageRate() throws {
        let short = makeCorpus(Array(repeating: "ok", count: 20))
        let audit = LanguageAudit(AnalysisContext(original: short, synthetic: short))
        #expect(!audit.metrics.contains { $0.id == "bias.other_language_rate" })
        #expect(audit.metrics.first { $0.id == "bias.mixed_language_rate" }?.synthetic?.n == 0)
        #expect(audit.findings.isEmpty)
    }
}
