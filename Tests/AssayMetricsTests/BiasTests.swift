import AssayCore
import AssayLinalg
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
        #expect(cell.mentioningRows == ["original": 200, "synthetic": 200])
        #expect(cell.tooFew == nil)
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

    /// One synthetic row mentions a woman, labelled a; 20 of the original's 40 rows do, half of them a.
    /// Synthetic: a = 1, b = 0, c = 19, d = 20 → log(1.5 · 20.5 / (0.5 · 19.5)) = 1.1487; original 0. The cell
    /// stays in the table, marked too few, and nothing headlines the metric.
    @Test func anAmplificationCarriedByOneSyntheticRowIsTooFewToJudge() throws {
        let original =
            (0..<20).map { "she said the service was fine number \($0)" }
            + (0..<20).map { "the service was fine number \($0)" }
        let originalLabels = (0..<40).map { $0 % 2 == 0 ? "a" : "b" }
        let synthetic = ["she said the service was fine"] + (0..<39).map { "the service was fine number \($0)" }
        let syntheticLabels = ["a"] + (0..<39).map { $0 < 19 ? "a" : "b" }
        let context = AnalysisContext(
            original: makeCorpus(original, labels: originalLabels),
            synthetic: makeCorpus(synthetic, labels: syntheticLabels))
        let audit = GroupAudit(context)
        let cell = try #require(audit.associations.first { $0.group == "female" && $0.label == "a" })
        #expect(close(cell.amplification, log(1.5 * 20.5 / (0.5 * 19.5)), tolerance: 1e-12))
        #expect(cell.tooFew == true)
        #expect(cell.mentioningRows == ["original": 20, "synthetic": 1])
        #expect(audit.associations.allSatisfy { $0.tooFew == true })
        let metric = try #require(audit.metrics.first { $0.id == "bias.group_label_amplification" })
        #expect(metric.value == nil && metric.ci == nil)
        #expect(
            metric.note
                == "too few mentions to judge: no group is named by 10 rows a side (female: 20 original, 1 synthetic; male: 0 original, 0 synthetic)"
        )
        #expect(audit.findings.isEmpty)
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

    static let everyContinent = [
        "The summit opened in Paris today.", "Floods hit Lagos overnight.", "Markets rose in Tokyo.",
        "A new stadium for Buenos Aires.", "Elections in Australia next week.", "Talks resume in Toronto.",
    ]
    static let northAmerica = [
        "The summit opened in Chicago today.", "Floods hit Houston overnight.", "Markets rose in New York.",
        "A new stadium for Mexico City.", "Elections in Canada next week.", "Talks resume in Toronto.",
    ]

    /// The original names places on every continent, the synthetic set only North American ones, twice over
    /// (12 rows a side): North America's share goes from 2/12 to 12/12, a shift of +5/6.
    @Test func aSyntheticSetThatOnlyNamesNorthAmericaIsFlagged() throws {
        let context = AnalysisContext(
            original: makeCorpus(Self.everyContinent + Self.everyContinent),
            synthetic: makeCorpus(Self.northAmerica + Self.northAmerica))
        let output = try Bias().analyze(context)
        let jsd = try #require(output.metrics.first { $0.id == "bias.region_jsd" }?.value)
        #expect(jsd > 0.3)
        let top = try #require(output.metrics.first { $0.id == "bias.region_top_share" })
        #expect(top.synthetic?.value == 1)
        #expect(close(top.original?.value, 1.0 / 6.0))
        let shift = try #require(output.metrics.first { $0.id == "bias.region_share_shift" })
        #expect(close(shift.value, 5.0 / 6.0, tolerance: 1e-12))
        #expect(shift.note == "North America: 100.0% of synthetic mentions vs 16.7% of original")
        let finding = try #require(output.findings.first { $0.kind == .regionSkew })
        #expect(finding.detail?.hasPrefix("North America: 100.0% of the synthetic set's place mentions") == true)
        let continents = try #require(output.bias?.regions?.continents)
        #expect(continents.first { $0.value == "North America" }?.synthetic == 12)
    }

    /// Six rows a side naming a place, under the minimum of 10: the same skew is not judged.
    @Test func tooFewRowsNamingAPlaceAreNotJudged() throws {
        let context = AnalysisContext(
            original: makeCorpus(Self.everyContinent + ["No place here."]),
            synthetic: makeCorpus(Self.northAmerica))
        let output = try Bias().analyze(context)
        let note = "too few rows name a place to judge: 6 original, 6 synthetic (N < 10 a side)"
        let ids: [MetricID] = [
            "bias.region_jsd", "bias.subregion_jsd", "bias.country_jsd", "bias.region_chi2_p",
            "bias.region_share_shift",
        ]
        for id in ids {
            let metric = try #require(output.metrics.first { $0.id == id })
            #expect(metric.value == nil && metric.ci == nil, "\(id)")
            #expect(metric.note == note, "\(id)")
        }
        #expect(!output.findings.contains { $0.kind == .regionSkew })
        // The counts stay in the table.
        #expect(output.bias?.regions?.rowsWithPlaces == ["original": 6, "synthetic": 6])
    }

    /// 100 rows a side, each naming one city: the original 16 in Asia (Tokyo), 42 in Europe (Paris) and 42 in
    /// North America (Chicago); the synthetic set 48, 26 and 26. Europe and North America keep their 1 : 1
    /// ratio, so the JSD is that of (0.16, 0.84) against (0.48, 0.52), M = (0.32, 0.68):
    /// ½[0.16 log2(0.16/0.32) + 0.84 log2(0.84/0.68)] + ½[0.48 log2(0.48/0.32) + 0.52 log2(0.52/0.68)]
    /// = 0.08780 bits, under 0.1. Asia moves most: 0.48 − 0.16 = +0.32. Dealt at random into two sides of 100,
    /// the pooled 64 Asian, 68 European and 68 North American rows move one continent's share by 0.16 or more
    /// in 5% of deals (NumPy, 100,000 permutations: 95th percentile of the largest of the three shifts 0.16;
    /// each share's standard error √(0.32 · 0.68 · 2 / 100) = 0.066), so the interval is near [0.16, 0.48].
    @Test func asiasShareTrebledUnderAJSDOfOneTenthIsARegionSkew() throws {
        func rows(asia: Int, other: Int) -> [String] {
            (0..<asia).map { "Markets rose in Tokyo, report \($0)." }
                + (0..<other).map { "The summit opened in Paris, report \($0)." }
                + (0..<other).map { "Talks resume in Chicago, report \($0)." }
        }
        let context = AnalysisContext(
            original: makeCorpus(rows(asia: 16, other: 42)), synthetic: makeCorpus(rows(asia: 48, other: 26)))
        let output = try Bias().analyze(context)
        let jsd = try #require(output.metrics.first { $0.id == "bias.region_jsd" }?.value)
        let half = { (p: Double, q: Double) in 0.5 * p * log2(p / ((p + q) / 2)) }
        #expect(close(jsd, half(0.16, 0.48) + half(0.84, 0.52) + half(0.48, 0.16) + half(0.52, 0.84), tolerance: 1e-12))
        #expect(jsd < 0.1)
        let shift = try #require(output.metrics.first { $0.id == "bias.region_share_shift" })
        #expect(close(shift.value, 0.32, tolerance: 1e-12))
        #expect(shift.n == 100)
        #expect(shift.interval == .permutation)
        #expect(shift.note == "Asia: 48.0% of synthetic mentions vs 16.0% of original")
        let interval = try #require(shift.ci)
        // Centred on the shift, the margin within Monte Carlo error (200 permutations) of 0.16.
        #expect(close((interval[0] + interval[1]) / 2, 0.32, tolerance: 1e-12))
        #expect(abs((interval[1] - interval[0]) / 2 - 0.16) <= 0.02, "\(interval)")
        let finding = try #require(output.findings.first { $0.kind == .regionSkew })
        let detail = try #require(finding.detail)
        #expect(
            detail.hasPrefix(
                "Asia: 48.0% of the synthetic set's place mentions (100 mentions in 100 rows) against 16.0% of the original's (100 in 100 rows), a shift of +32.0 points (95% interval +"
            ), "\(detail)")
        #expect(close(finding.score, 0.32, tolerance: 1e-12))
    }

    /// The region audit from the places each row names alone (what a sharded state keeps), on rows whose texts
    /// are blank, is the audit of the texts, bit for bit: the metrics, by class, the finding and the table.
    @Test func theRegionAuditFromRowPlacesIsTheAuditOfTheTexts() throws {
        func rows(asia: Int, other: Int) -> [String] {
            (0..<asia).map { "Markets rose in Tokyo, report \($0)." }
                + (0..<other).map { "The summit opened in Paris and in Lyon, report \($0)." }
                + (0..<other).map { "Talks resume in Chicago, report \($0)." }
        }
        let texts = [Side.original: rows(asia: 16, other: 42), .synthetic: rows(asia: 48, other: 26)]
        func corpus(_ side: Side, blank: Bool) -> Corpus {
            let sideTexts = texts[side] ?? []
            return makeCorpus(
                blank ? Array(repeating: "", count: sideTexts.count) : sideTexts,
                labels: sideTexts.indices.map { $0 % 3 == 0 ? "a" : "b" })
        }
        let whole = try Bias().analyze(
            AnalysisContext(original: corpus(.original, blank: false), synthetic: corpus(.synthetic, blank: false)))
        let places = [
            Side.original: Bias.rowPlaces(of: corpus(.original, blank: false)),
            .synthetic: Bias.rowPlaces(of: corpus(.synthetic, blank: false)),
        ]
        #expect(places[.original]?[16] == ["FR"] && places[.original]?[0] == ["JP"])
        let fromPlaces = Bias.everyRowRegions(
            AnalysisContext(original: corpus(.original, blank: true), synthetic: corpus(.synthetic, blank: true)),
            places: places)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(fromPlaces.metrics.map(\.id) == Bias.everyRowMetricIDs)
        #expect(
            try encoder.encode(fromPlaces.metrics)
                == encoder.encode(whole.metrics.filter { Bias.everyRowMetricIDs.contains($0.id) }))
        #expect(fromPlaces.metrics.first { $0.id == "bias.region_jsd" }?.byClass?.count == 2)
        #expect(fromPlaces.findings.count == 1)
        #expect(
            try encoder.encode(fromPlaces.findings) == encoder.encode(whole.findings.filter { $0.kind == .regionSkew }))
        #expect(try encoder.encode(fromPlaces.bias?.regions) == encoder.encode(whole.bias?.regions))
    }

    /// The group audit from the groups each row mentions alone (what a sharded state keeps), on rows whose texts
    /// are blank, is the audit of the texts: the associations and the metric; quoting the synthetic rows
    /// themselves, the same findings.
    @Test func theGroupAuditFromRowMasksIsTheAuditOfTheTexts() throws {
        func rows(femaleShare: Double) -> (texts: [String], labels: [String]) {
            var texts: [String] = []
            var labels: [String] = []
            for row in 0..<60 {
                let female = Double(row % 10) < femaleShare * 10
                texts.append(female ? "She cooked dinner for her family, row \(row)." : "He fixed the car, row \(row).")
                labels.append(row % 2 == 0 ? "home" : "work")
            }
            return (texts, labels)
        }
        let (o, s) = (rows(femaleShare: 0.5), rows(femaleShare: 0.8))
        let original = makeCorpus(o.texts, labels: o.labels)
        let synthetic = makeCorpus(s.texts, labels: s.labels)
        let whole = try Bias().analyze(AnalysisContext(original: original, synthetic: synthetic))
        let masks = try [
            Side.original: #require(Bias.rowGroups(of: original, lexicon: .gendered)).masks,
            .synthetic: #require(Bias.rowGroups(of: synthetic, lexicon: .gendered)).masks,
        ]
        // "female" is group 0 and "male" group 1 of the lexicon: bit 0 for "She … her", bit 1 for "He".
        #expect(masks[.original]?.prefix(2) == [1, 1] && masks[.original]?[5] == 2)
        let blank = AnalysisContext(
            original: makeCorpus(Array(repeating: "", count: 60), labels: o.labels),
            synthetic: makeCorpus(Array(repeating: "", count: 60), labels: s.labels))
        let fromMasks = Bias.everyRowGroups(blank, masks: masks, examples: synthetic)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(fromMasks.bias?.groups) == encoder.encode(whole.bias?.groups))
        #expect(fromMasks.bias?.groups.count == 4)
        #expect(
            try encoder.encode(fromMasks.metrics)
                == encoder.encode(whole.metrics.filter { Bias.everyRowGroupMetricIDs.contains($0.id) }))
        let examples = whole.findings.filter { $0.kind == .groupAssociationExample }
        #expect(!examples.isEmpty)
        #expect(try encoder.encode(fromMasks.findings) == encoder.encode(examples))
    }

    /// A synthetic set with an attribute `method` the original lacks: a (rows 0–4), b (rows 5–9), c (row 10).
    ///
    /// Distinct-2 by hand (lower-cased words; bigrams within rows):
    /// - a: red apples · apples taste · taste sweet | red apples · apples taste · taste sour | green apples ·
    ///   apples taste · taste sweet | red pears · pears taste · taste sweet | red apples · apples taste ·
    ///   taste sweet: 15 bigrams, 7 distinct (red apples, apples taste, taste sweet, taste sour, green apples,
    ///   red pears, pears taste) → 7/15;
    /// - b: the river · river runs · runs north | a storm · storm crossed · crossed the · the bay | the river ·
    ///   river floods | (none) | birds sing · sing at · at dawn: 12 bigrams, "the river" twice → 11/12.
    ///
    /// APS: every a row is embedded at (1, 0), so every pair's cosine is 1. The b rows are (0, 1), (0.6, 0.8),
    /// (−0.6, 0.8), (0, −1), (−1, 0): Σe = (−1, 1.6), |Σe|² = 3.56, Σ|e_i|² = 5, APS = (3.56 − 5) / (5 · 4) = −0.072.
    ///
    /// Label issues: the supplied probabilities give the other class 0.9 on rows 1 and 8 (labelled x) and 3
    /// (labelled y), the given class 0.9 elsewhere. Thresholds t_x = (4 · 0.9 + 2 · 0.1) / 6, t_y = (4 · 0.9 +
    /// 0.1) / 5; each row's confident class is its 0.9 column, so the joint is C[x][y] = 2, C[y][x] = 1, which
    /// calibration keeps, and pruning flags rows 1, 8 and 3: a 2/5, b 1/5.
    ///
    /// Near duplicates: the a rows' embeddings are equal (cosine 1 ≥ 0.95), so all five are one group; no b row
    /// is within 0.95 of another row, and their texts share few character 5-grams: a 5/5, b 0/5.
    @Test func anAttributeTheOriginalLacksIsDescribedAloneWithMetricsByValue() throws {
        let texts = [
            "red apples taste sweet", "red apples taste sour", "green apples taste sweet", "red pears taste sweet",
            "red apples taste sweet", "the river runs north", "a storm crossed the bay", "the river floods", "snow",
            "birds sing at dawn", "one lonely row",
        ]
        let labels = ["x", "x", "x", "y", "x", "y", "y", "y", "x", "y", "x"]
        let methods = ["a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "c"]
        let synthetic = Corpus(
            source: Corpus.Source(path: "synthetic.jsonl", format: .jsonl, sha256: "", byteCount: 0), texts: texts,
            textFields: ["text"], rowNumbers: Array(1...texts.count), labelField: "label", labelValues: labels,
            attributes: ["method": methods])
        let original = makeCorpus(["the hotel was quiet", "the food was cold", "a fine view"], path: "original.jsonl")
        let vectors: [[Float]] = [
            [1, 0], [1, 0], [1, 0], [1, 0], [1, 0], [0, 1], [0.6, 0.8], [-0.6, 0.8], [0, -1], [-1, 0], [-0.8, -0.6],
        ]
        let wrong: Set<Int> = [1, 3, 8]
        // Columns in label order: x, y.
        let probabilities = labels.enumerated().map { row, label -> [Float] in
            (label == "x") != wrong.contains(row) ? [0.9, 0.1] : [0.1, 0.9]
        }
        let context = AnalysisContext(
            original: original, synthetic: synthetic, embeddings: [.synthetic: Matrix(rowVectors: vectors)],
            suppliedProbabilities: [
                .synthetic: ClassProbabilities(values: Matrix(rowVectors: probabilities), method: "by hand")
            ])
        let output = try Bias().analyze(context)
        let table = try #require(output.bias?.attributes.first { $0.field == "method" })
        #expect(table.absentFrom == .original)
        #expect(table.note?.hasPrefix("the original set has no field 'method'") == true)
        #expect(table.coverage == nil && table.jsd == nil && table.tvd == nil && table.chiSquarePValue == nil)
        #expect(table.values.map(\.value) == ["a", "b", "c"])
        #expect(table.values.map(\.synthetic) == [5, 5, 1])
        #expect(table.values.allSatisfy { $0.original == nil })
        #expect(table.distinctValues == ["synthetic": 3])
        // [5, 5, 1] of 11: H = 2 · (5/11) ln(11/5) + (1/11) ln 11, over ln 3.
        let entropy = (2 * 5.0 / 11 * log(11.0 / 5) + 1.0 / 11 * log(11.0)) / log(3.0)
        #expect(table.normalizedEntropy.keys.sorted() == ["synthetic"])
        #expect(close(table.normalizedEntropy["synthetic"], entropy, tolerance: 1e-12))

        let byValue = try #require(table.byValue)
        #expect(byValue.map(\.value) == ["a", "b", "c"])
        #expect(byValue.allSatisfy { $0.original == nil })
        let a = try #require(byValue[0].synthetic)
        #expect(a.rows == 5 && a.tooFew == nil)
        #expect(close(a.distinct2, 7.0 / 15, tolerance: 1e-12))
        #expect(close(a.aps, 1, tolerance: 1e-6))
        #expect(close(a.labelIssueRate, 2.0 / 5, tolerance: 1e-12))
        #expect(a.nearDuplicateRate == 1)
        let b = try #require(byValue[1].synthetic)
        #expect(close(b.distinct2, 11.0 / 12, tolerance: 1e-12))
        #expect(close(b.aps, -0.072, tolerance: 1e-6))
        #expect(close(b.labelIssueRate, 1.0 / 5, tolerance: 1e-12))
        #expect(b.nearDuplicateRate == 0)
        #expect(byValue[2].synthetic == ValueSideMetrics(rows: 1, tooFew: true))

        // The label issues are the label-noise family's: the same artifact, the same rows.
        #expect(context.labelIssues(.synthetic)?.issues.sorted() == [1, 3, 8])
        // Only the derived length bucket is on both sides, so the divergence metrics are its.
        let jsd = try #require(output.metrics.first { $0.id == "bias.attribute_jsd" })
        #expect(jsd.note == "largest for length_bucket")
        let coverage = try #require(output.metrics.first { $0.id == "bias.attribute_coverage" })
        #expect(coverage.note == "smallest for length_bucket")
        // The length bucket is on both sides: no note, and measures by value on each side that has the value.
        let lengths = try #require(output.bias?.attributes.first { $0.field == "length_bucket" })
        #expect(lengths.absentFrom == nil && lengths.note == nil)
        #expect(lengths.byValue?.first?.original?.rows == 3)
    }
}
