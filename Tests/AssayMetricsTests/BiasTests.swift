import AssayCore
import AssayReport
import Foundation
import Testing

@testable import AssayMetrics

/// The bias audit: its statistics against SciPy and hand counts, and the audit on constructed pairs.
struct BiasTests {
    /// a = 8, b = 2, c = 5, d = 5, ½ added: log(8.5 · 5.5 / (2.5 · 5.5)) = log 3.4;
    /// SE = √(1/8.5 + 1/2.5 + 1/5.5 + 1/5.5).
    @Test func logOddsRatioAddsAHalfToEveryCell() {
        let result = Contingency.logOddsRatio(a: 8, b: 2, c: 5, d: 5)
        #expect(abs(result.value - log(3.4)) < 1e-12)
        #expect(abs(result.standardError - (1 / 8.5 + 1 / 2.5 + 2 / 5.5).squareRoot()) < 1e-12)
        #expect(Contingency.logOddsRatio(a: 0, b: 0, c: 0, d: 0).value == 0)
    }

    /// [2, 1, 1]: H = −(½ ln ½ + 2 · ¼ ln ¼) = 1.0397; / ln 3 = 0.94639.
    @Test func normalizedEntropyIsOneWhenUniformAndZeroWhenConcentrated() {
        #expect(Contingency.normalizedEntropy([5, 5]) == 1)
        #expect(Contingency.normalizedEntropy([4, 0]) == 0)
        #expect(close(Contingency.normalizedEntropy([2, 1, 1]), (0.5 * log(2) + 0.5 * log(4)) / log(3)))
        #expect(Contingency.normalizedEntropy([7]) == nil)
    }

    /// 200 rows mentioning a woman and 200 that do not, on each side; among the mentions the label
    /// "a" is 80% in the synthetic set and 50% in the original, elsewhere 50% on both sides.
    /// Synthetic: a = 160, b = 40, c = 100, d = 100 → log(160.5 · 100.5 / (40.5 · 100.5)) = 1.3770;
    /// original: 100 each → 0. SE = √(1/160.5 + 1/40.5 + 2/100.5 + 4/100.5) = 0.3013, CI [0.787, 1.968].
    @Test func aSyntheticAssociationOfWomenWithOneLabelIsAmplified() throws {
        func rows(femaleShare: Double) -> ([String], [String]) {
            var texts: [String] = []
            var labels: [String] = []
            for i in 0..<200 {
                texts.append("she said the service was fine number \(i)")
                labels.append(Double(i) < femaleShare * 200 ? "a" : "b")
            }
            for i in 0..<200 {
                texts.append("the service was fine number \(i)")
                labels.append(i < 100 ? "a" : "b")
            }
            return (texts, labels)
        }
        let (originalTexts, originalLabels) = rows(femaleShare: 0.5)
        let (syntheticTexts, syntheticLabels) = rows(femaleShare: 0.8)
        let context = AnalysisContext(
            original: makeCorpus(originalTexts, labels: originalLabels),
            synthetic: makeCorpus(syntheticTexts, labels: syntheticLabels))
        let audit = GroupAudit(context)
        let cell = try #require(audit.associations.first { $0.group == "female" && $0.label == "a" })
        let expected = log(160.5 / 40.5)
        #expect(close(cell.amplification, expected, tolerance: 1e-12))
        #expect(close(cell.labelShare["synthetic"], 0.8))
        #expect(close(cell.mentionRate["original"], 0.5))
        let error = (1 / 160.5 + 1 / 40.5 + 2 / 100.5 + 4 / 100.5).squareRoot()
        let interval = try #require(cell.amplificationCI)
        #expect(close(interval[0], expected - 1.96 * error, tolerance: 1e-12))
        #expect(interval[0] > 0)
        // No man is mentioned: the male association is undefined on both sides, not 0.
        let male = try #require(audit.associations.first { $0.group == "male" && $0.label == "a" })
        #expect(male.amplification == nil)
        #expect(male.logOddsRatio.isEmpty)
        #expect(male.mentionRate["synthetic"] == 0)
        let metric = try #require(audit.metrics.first { $0.id == "bias.group_label_amplification" })
        #expect(close(metric.value.map(abs), expected, tolerance: 1e-12))
        #expect(audit.findings.count == Bias.exampleCount)
    }

    @Test func aGroupsFileIsReadAndItsErrorsNameTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-groups-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("groups.json")
        try Data(#"{"young": ["Teen", "teenager"], "old": ["elderly"]}"#.utf8).write(to: good)
        let lexicon = try GroupLexicon.load(path: good.path)
        #expect(lexicon.groups.map(\.name) == ["old", "young"])
        #expect(lexicon.groups[1].terms == ["teen", "teenager"])
        let bad = directory.appendingPathComponent("bad.json")
        try Data(#"{"young": []}"#.utf8).write(to: bad)
        #expect(throws: AssayError.self) { try GroupLexicon.load(path: bad.path) }
        #expect(throws: AssayError.self) { try GroupLexicon.load(path: directory.appendingPathComponent("none").path) }
        let yaml = directory.appendingPathComponent("groups.yml")
        try Data("# who is talked about\nyoung: [Teen, teenager]\nold:\n  - elderly\n".utf8).write(to: yaml)
        #expect(try GroupLexicon.load(path: yaml.path) == lexicon)
        let broken = directory.appendingPathComponent("broken.yaml")
        try Data("young: [teen\nold: elderly\n".utf8).write(to: broken)
        do {
            _ = try GroupLexicon.load(path: broken.path)
            Issue.record("malformed YAML was accepted")
        } catch let error as AssayError {
            #expect(error.file == broken.path)
            #expect(!error.description.contains("\n"), "\(error)")
        }
    }

    /// The original names places on every continent, the synthetic set only North American ones.
    @Test func aSyntheticSetThatOnlyNamesNorthAmericaIsFlagged() throws {
        let original = [
            "The summit opened in Paris today.", "Floods hit Lagos overnight.", "Markets rose in Tokyo.",
            "A new stadium for Buenos Aires.", "Elections in Australia next week.", "Talks resume in Toronto.",
        ]
        let synthetic = [
            "The summit opened in Chicago today.", "Floods hit Houston overnight.", "Markets rose in New York.",
            "A new stadium for Mexico City.", "Elections in Canada next week.", "Talks resume in Toronto.",
        ]
        let context = AnalysisContext(original: makeCorpus(original), synthetic: makeCorpus(synthetic))
        let output = try Bias().analyze(context)
        let jsd = try #require(output.metrics.first { $0.id == "bias.region_jsd" }?.value)
        #expect(jsd > 0.3)
        let top = try #require(output.metrics.first { $0.id == "bias.region_top_share" })
        #expect(top.synthetic?.value == 1)
        #expect(close(top.original?.value, 1.0 / 6.0))
        #expect(output.findings.contains { $0.kind == .regionSkew })
        let continents = try #require(output.bias?.regions?.continents)
        #expect(continents.first { $0.value == "North America" }?.synthetic == 6)
    }
}
