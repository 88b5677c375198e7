import AssayCore
import AssayReport
import Testing

@testable import AssayMetrics

/// Every metric states the languages it is valid for (issue 24): measures of words and rows any, measures of
/// embeddings the embedder's, and the English-only ones say so.
@Suite struct MetricLanguagesTests {
    static let catalog = Dictionary(uniqueKeysWithValues: Assessment.catalog.map { ($0.id, $0) })

    @Test func everyDescriptorStatesItsLanguages() throws {
        #expect(Assessment.catalog.allSatisfy { !$0.languages.isEmpty })
        for id: MetricID in [
            "diversity.distinct_2", "duplicates.near_rate", "shape.prompt_echo_rate", "fidelity.label_jsd",
        ] {
            #expect(Self.catalog[id]?.languages == MetricDescriptor.anyLanguage, "\(id)")
        }
        for id: MetricID in [
            "diversity.vendi", "diversity.aps", "fidelity.mauve", "noise.label_issue_rate", "utility.tstr_accuracy",
            "complexity.classifier_loss", "complexity.classifier_loss_ks",
        ] {
            #expect(Self.catalog[id]?.languages == MetricDescriptor.embedderLanguages, "\(id)")
        }
        for id: MetricID in ["complexity.smog", "complexity.smog_ks", "complexity.coleman_liau_wasserstein"] {
            #expect(Self.catalog[id]?.languages.hasPrefix("English only") == true, "\(id)")
        }
        let ease = try #require(Self.catalog["complexity.flesch_reading_ease"]?.languages)
        #expect(ease.hasPrefix("English, German (Amstad 1978) and French (Kandel & Moles 1958) only"))
        #expect(Self.catalog["bias.region_jsd"]?.languages.hasPrefix("English: the gazetteer's") == true)
        #expect(Self.catalog["bias.group_label_amplification"]?.languages.hasPrefix("the group lexicon's") == true)
        #expect(Self.catalog["diversity.targen_vocabulary"]?.languages.contains("stopwords are English") == true)

        // The catalog pages and `assay metrics show` print it.
        let entry = MetricCatalog(Assessment.catalog).entry(try #require(Self.catalog["bias.region_jsd"]))
        #expect(entry.contains("\n- Languages: English: the gazetteer's names"))
    }
}
