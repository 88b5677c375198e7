import AssayReport
import AssayTestSupport
import Foundation
import Testing

/// `reports/report.schema.json` describes what `JSONReportWriter` writes, and the validator holding reports to it
/// rejects what breaks it, at the right place.
@Suite struct ReportSchemaTests {
    /// A small valid report.json, written by hand; each bad document below changes one part of it.
    static let handWritten = """
        {
          "schema_version": 2,
          "tool": {"name": "assay", "version": "0.1.0"},
          "created_at": "2026-01-01T00:00:00Z",
          "command": "compare",
          "inputs": {
            "original": {
              "path": "a.jsonl", "format": "jsonl", "rows": 100, "bytes": 2048,
              "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
              "text_fields": ["text"], "label_field": "label", "labels": {"Sci/Tech": 40, "World": 60},
              "attribute_fields": [], "empty_texts": 0
            }
          },
          "settings": {
            "embedder": null, "seed": 13, "sample": null,
            "size_matching": {
              "rows": 100, "subsampled_side": "original", "original_rows": 150, "synthetic_rows": 100,
              "method": "seeded uniform sample without replacement of the larger side"
            },
            "self_bleu_hypotheses": 1000, "bootstrap_resamples": 200, "subsample_repeats": 50,
            "confidence_level": 0.95
          },
          "metrics": [
            {
              "id": "diversity.distinct_2", "family": "diversity", "title": "Distinct-2", "better": "higher",
              "original": {"value": 0.8, "ci": [0.78, 0.82], "interval": "subsample", "n": 100},
              "by_class": {"Sci/Tech": {"original": 0.9, "synthetic": 0.1, "n": 40}}
            }
          ],
          "skipped": [], "findings": [], "gates": [],
          "bias": {
            "attributes": [
              {
                "field": "length_bucket", "derived": true, "values": [{"value": "1–5 words", "original": 3}],
                "normalized_entropy": {"original": 0.6}, "jsd_by_class": {}
              }
            ],
            "groups": []
          },
          "warnings": [],
          "status": "not_gated"
        }
        """

    /// The validator on `reports/report.schema.json`.
    static func reportValidator() throws -> JSONSchemaValidator {
        try JSONSchemaValidator(schema: Data(contentsOf: JSONSchemaValidator.reportSchemaURL))
    }

    /// `handWritten` with `original`, which must occur exactly once, replaced by `replacement`.
    static func edited(_ original: String, _ replacement: String) throws -> Data {
        let parts = handWritten.components(separatedBy: original)
        try #require(parts.count == 2, "\(original) occurs \(parts.count - 1) times in the hand-written report")
        return Data(parts.joined(separator: replacement).utf8)
    }

    @Test func theCommittedDemoReportConforms() throws {
        let demo = TestPaths.packageRoot.appendingPathComponent("reports/demo/report.json")
        let violations = try JSONSchemaValidator.validateReport(Data(contentsOf: demo))
        #expect(violations == [])
    }

    @Test func theHandWrittenReportConformsAndDecodes() throws {
        let data = Data(Self.handWritten.utf8)
        let violations = try Self.reportValidator().validate(data)
        #expect(violations == [])
        #expect(try JSONReportWriter.decode(data).metrics.count == 1)
    }

    @Test func aReportWithEveryOptionalPartFilledConforms() throws {
        let violations = try JSONSchemaValidator.validateReport(JSONReportWriter.encode(Self.completeReport()))
        #expect(violations == [])
    }

    @Test(arguments: [
        // A missing required key, reported at the object that lacks it.
        (#""seed": 13, "#, "", #"/settings: missing required property "seed""#),
        // A key the schema does not have, reported at the key.
        (
            #""better": "higher","#, #""better": "higher", "colour": "red","#,
            "/metrics/0/colour: property not in the schema"
        ),
        // A wrong type.
        (
            #""rows": 100, "bytes""#, #""rows": "100", "bytes""#,
            #"/inputs/original/rows: expected integer, got "100""#
        ),
        // A boolean for a number and a number for a boolean (JSONSerialization makes both NSNumber).
        (#""value": 0.8"#, #""value": true"#, "/metrics/0/original/value: expected number or null, got true"),
        (#""derived": true"#, #""derived": 1"#, "/bias/attributes/0/derived: expected boolean, got 1"),
        // An enum value outside the set.
        (
            #""better": "higher""#, #""better": "sideways""#,
            #"/metrics/0/better: "sideways" is not one of "higher", "lower" or "neither""#
        ),
        // A violation inside a `$ref` target (#/$defs/sideValue → #/$defs/count).
        (#""n": 100}"#, #""n": -1}"#, "/metrics/0/original/n: -1 is less than the minimum 0"),
        // Inside one alternative of a `oneOf` (#/$defs/classValue), under a label that needs escaping.
        (#""n": 40}"#, #""n": 1.5}"#, "/metrics/0/by_class/Sci~1Tech/n: expected integer, got 1.5"),
        // Inside the non-null alternative of an `anyOf`.
        (
            #""subsampled_side": "original""#, #""subsampled_side": "left""#,
            #"/settings/size_matching/subsampled_side: "left" is not one of "original" or "synthetic""#
        ),
        (
            #""interval": "subsample""#, #""interval": 7"#,
            #"/metrics/0/original/interval: 7 is not one of "bootstrap", "subsample", "wald", "wilson", "order_statistic" or "permutation""#
        ),
        // Every alternative wants another type.
        (#""ci": [0.78, 0.82]"#, #""ci": "wide""#, #"/metrics/0/original/ci: expected array or null, got "wide""#),
        (#""schema_version": 2"#, #""schema_version": 1"#, "/schema_version: expected 2, got 1"),
        // Long-text counts without the rows chunked; a policy that does not exist; no policy.
        (
            #""warnings": []"#,
            #""embedding": {"max_word_pieces": 256, "long_text": "truncate", "original": {"rows": 1, "rows_over_limit": 0, "rows_cut": 0, "pieces_cut": 0, "largest_cut": 0}}, "warnings": []"#,
            #"/embedding/original: missing required property "rows_chunked""#
        ),
        (
            #""warnings": []"#, #""embedding": {"max_word_pieces": 256, "long_text": "split"}, "warnings": []"#,
            #"/embedding/long_text: "split" is not one of "chunk" or "truncate""#
        ),
        (
            #""warnings": []"#, #""embedding": {"max_word_pieces": 256}, "warnings": []"#,
            #"/embedding: missing required property "long_text""#
        ),
        // A shard without its digest.
        (
            #""empty_texts": 0"#, #""empty_texts": 0, "shards": [{"path": "d/a.jsonl", "rows": 1, "bytes": 9}]"#,
            #"/inputs/original/shards/0: missing required property "sha256""#
        ),
        (#""ci": [0.78, 0.82]"#, #""ci": [0.78]"#, "/metrics/0/original/ci: 1 item, fewer than the minimum 2"),
        (
            #""created_at": "2026-01-01T00:00:00Z""#, #""created_at": "yesterday""#,
            #"/created_at: "yesterday" does not match the pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"#
        ),
        (
            #""normalized_entropy": {"original": 0.6}"#, #""normalized_entropy": {"left": 0.6}"#,
            #"/bias/attributes/0/normalized_entropy/left: property name: "left" is not one of "original" or "synthetic""#
        ),
    ])
    func aBrokenReportIsRejectedAtTheOffendingValue(original: String, replacement: String, error: String) throws {
        let violations = try Self.reportValidator().validate(Self.edited(original, replacement))
        #expect(violations == [error])
    }

    /// `completeReport()` as compact JSON, in which its sparse matrices read
    /// `"confident_joint":{"cells":[[0,0,2],[1,0,1],[1,1,1]],…`, `"noise_matrix":{"cells":[[0,0,0.67],…` and
    /// `"confusion":{"cells":[[0,0,1],[0,1,1],[1,0,1],[1,1,1]],…`.
    static func compactCompleteReport() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Self.completeReport()), as: UTF8.self)
    }

    @Test(arguments: [
        // A zero cell is left out, never written; counts are whole numbers.
        (
            #""confusion":{"cells":[[0,0,1]"#, #""confusion":{"cells":[[0,0,0]"#,
            "/label_quality/faithfulness/confusion/cells/0/2: 0 is less than the minimum 1"
        ),
        (
            #""confident_joint":{"cells":[[0,0,2]"#, #""confident_joint":{"cells":[[0,0,2.5]"#,
            "/label_quality/sides/original/confident_joint/cells/0/2: expected integer, got 2.5"
        ),
        (
            #""noise_matrix":{"cells":[[0,0,0.67]"#, #""noise_matrix":{"cells":[[0,0,0]"#,
            "/label_quality/sides/original/noise_matrix/cells/0/2: 0 is not greater than the exclusive minimum 0"
        ),
        // A cell is three numbers, its indices counts.
        (
            #""confusion":{"cells":[[0,0,1]"#, #""confusion":{"cells":[[0,0]"#,
            "/label_quality/faithfulness/confusion/cells/0: 2 items, fewer than the minimum 3"
        ),
        (
            #""confusion":{"cells":[[0,0,1]"#, #""confusion":{"cells":[[0,-1,1]"#,
            "/label_quality/faithfulness/confusion/cells/0/1: -1 is less than the minimum 0"
        ),
        // Measures by attribute value: `too_few` is only ever true, rates are shares, a side is a side.
        (
            #""rows":2,"too_few":true"#, #""rows":2,"too_few":false"#,
            "/bias/attributes/0/by_value/0/original/too_few: expected true, got false"
        ),
        (
            #""label_issue_rate":0.4"#, #""label_issue_rate":1.4"#,
            "/bias/attributes/1/by_value/0/synthetic/label_issue_rate: 1.4 is greater than the maximum 1"
        ),
        (
            #""absent_from":"original""#, #""absent_from":"neither""#,
            #"/bias/attributes/1/absent_from: "neither" is not one of "original" or "synthetic""#
        ),
        // The dense form of schema 1 is not a sparse matrix.
        (
            #""confusion":{"cells":[[0,0,1],[0,1,1],[1,0,1],[1,1,1]],"columns":2,"rows":2}"#,
            #""confusion":[[1,1],[1,1]]"#, "/label_quality/faithfulness/confusion: expected object, got an array"
        ),
    ])
    func aBrokenCompactPartIsRejectedAtTheValue(original: String, replacement: String, error: String) throws {
        let json = try Self.compactCompleteReport()
        let parts = json.components(separatedBy: original)
        try #require(parts.count == 2, "\(original) occurs \(parts.count - 1) times in the complete report")
        let violations = try Self.reportValidator().validate(Data(parts.joined(separator: replacement).utf8))
        #expect(violations == [error])
    }

    @Test func aTruncatingEmbeddingSummaryConforms() throws {
        var report = Self.completeReport()
        report.embedding = EmbeddingSummary(
            maxWordPieces: 256, longText: "truncate",
            synthetic: .init(rows: 4, rowsOverLimit: 3, rowsChunked: 0, rowsCut: 3, piecesCut: 900, largestCut: 500))
        let json = try JSONReportWriter.encode(report)
        #expect(try JSONSchemaValidator.validateReport(json) == [])
        // Under truncate there are no windows to describe.
        let embedding = try #require(
            (try JSONSerialization.jsonObject(with: json) as? [String: Any])?["embedding"] as? [String: Any])
        #expect(embedding.keys.sorted() == ["long_text", "max_word_pieces", "synthetic"])
    }

    @Test func anAdditionalTopLevelKeyIsRejected() throws {
        let violations = try Self.reportValidator().validate(Self.edited(#""status""#, #""gate": {}, "status""#))
        #expect(violations == ["/gate: property not in the schema"])
    }

    @Test func aMissingTopLevelKeyIsReportedAtTheRoot() throws {
        let violations = try Self.reportValidator().validate(Self.edited(#""command": "compare","#, ""))
        #expect(violations == [#"(root): missing required property "command""#])
    }

    // JSON Schema's `integer` is any number without a fractional part (1.0 is one); booleans are never numbers.
    @Test(arguments: [
        ("integer", "1.0", true), ("integer", "1.5", false), ("integer", "true", false), ("number", "true", false),
        ("number", "0", true), ("boolean", "0", false), ("boolean", "1", false), ("boolean", "false", true),
        ("null", "0", false), ("string", "\"1\"", true), ("integer", "18446744073709551615", true),
    ])
    func typesTellBooleansFromNumbers(type: String, value: String, conforms: Bool) throws {
        let validator = try JSONSchemaValidator(schema: Data("{\"type\": \"\(type)\"}".utf8))
        #expect(try validator.validate(Data(value.utf8)).isEmpty == conforms)
    }

    @Test func constAndEnumCompareNumbersByValueButNeverEqualABooleanToANumber() throws {
        let validator = try JSONSchemaValidator(schema: Data(#"{"items": {"enum": [1, "a", [1, 2]]}}"#.utf8))
        #expect(try validator.validate(Data(#"[1.0, "a", [1, 2]]"#.utf8)) == [])
        #expect(try validator.validate(Data("[true]".utf8)) == ["/0: true is not one of 1, \"a\" or an array"])
    }

    @Test(arguments: [
        (#"{"type": "string", "format": "date-time"}"#, "#"),
        (##"{"properties": {"a": {"$ref": "#/$defs/missing"}}}"##, "#/properties/a"),
        (##"{"$ref": "other.json#/$defs/a"}"##, "#"),
        (#"{"items": [{"type": "string"}]}"#, "#"),
        (#"{"type": "float"}"#, "#"),
        (#"{"$defs": {"a": {"minimum": "0"}}}"#, "#/$defs/a"),
    ])
    func aSchemaWithAnUnsupportedOrMalformedKeywordIsRefused(schema: String, location: String) {
        let error = #expect(throws: JSONSchemaValidator.SchemaError.self) {
            try JSONSchemaValidator(schema: Data(schema.utf8))
        }
        #expect(error?.location == location)
    }

    @Test func aReferenceToTheRootValidatesNestedValues() throws {
        let schema = ##"{"type": ["array", "integer"], "items": {"$ref": "#"}}"##
        let validator = try JSONSchemaValidator(schema: Data(schema.utf8))
        #expect(try validator.validate(Data("[1, [2, [3]]]".utf8)) == [])
        #expect(
            try validator.validate(Data("[1, [2, [\"x\"]]]".utf8)) == ["/1/1/0: expected array or integer, got \"x\""])
    }

    /// A report with every optional part of every type present, some values null where the type allows it.
    static func completeReport() -> Report {
        let dataset = DatasetSummary(
            path: "fixtures/a.jsonl", format: "jsonl", rows: 4, bytes: 400,
            sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            textFields: ["premise", "text"],
            labelField: "label", labels: ["neg": 2, "pos": 2], attributeFields: ["region"], emptyTexts: 1)
        var sharded = dataset
        sharded.path = "data"
        sharded.shards = [
            ShardSummary(
                path: "data/train-00000-of-00002.jsonl", rows: 3, bytes: 300,
                sha256: "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"),
            ShardSummary(
                path: "data/train-00001-of-00002.jsonl", rows: 1, bytes: 100,
                sha256: "81a0f1d1b5d5d1e1e7b2c1c0c8a5e3d9f2c9e7b6a5d4c3b2a1f0e9d8c7b6a5f4"),
        ]
        var settings = Settings(
            embedder: "all-MiniLM-L6-v2", seed: UInt64.max, sample: 4,
            sizeMatching: SizeMatching(rows: 4, subsampledSide: nil, originalRows: 4, syntheticRows: 4),
            selfBleuHypotheses: 1000, bootstrapResamples: 200, subsampleRepeats: 50)
        settings.classifier = "ensemble"
        settings.folds = 5
        settings.duplicates = DuplicateSettings(field: "text", nearJaccard: 0.8, nearCosine: 0.95)
        settings.fidelitySample = 5000
        let perSide = MetricResult(
            id: "diversity.distinct_1", family: "diversity", title: "Distinct-1", better: .higher,
            original: SideValue(value: 0.5, ci: [0.4, 0.6], interval: .subsample, n: 4, note: "small"),
            synthetic: SideValue(value: nil, n: 0, note: "no words"),
            byClass: ["neg": ClassValue(original: 0.4, synthetic: nil, n: 2), "pos": ClassValue(value: nil, n: 0)])
        var pair = MetricResult(
            id: "utility.tstr_accuracy", family: "utility", title: "TSTR accuracy", better: .higher, value: 0.75,
            byClass: ["neg": ClassValue(value: 0.5, n: 2)])
        pair.ci = [0.5, 1]
        pair.interval = .bootstrap
        pair.n = 4
        pair.note = "trained on the synthetic set"
        var report = Report(
            tool: ToolInfo(version: "0.1.0"), createdAt: "2026-01-01T00:00:00Z", command: "compare",
            inputs: Inputs(original: dataset, synthetic: sharded), settings: settings, metrics: [perSide, pair],
            skipped: [SkippedMetric(id: "fidelity.mauve", reason: "needs embeddings of both sets (--embedder)")],
            findings: [
                Finding(
                    kind: .nearDuplicates, side: .synthetic, row: 3, text: "a text", detail: "2 rows", score: 0.9,
                    given: "neg", suggested: "pos",
                    related: [RelatedRow(side: .original, row: 1, text: "a text!", score: 0.85)], relatedCount: 3),
                Finding(
                    kind: .leakedPair, side: .synthetic, row: 4, location: "data/train-00001-of-00002.jsonl:1",
                    text: "a text",
                    related: [
                        RelatedRow(
                            side: .synthetic, row: 2, location: "data/train-00000-of-00002.jsonl:2", text: "a text")
                    ]),
            ],
            gates: [
                GateResult(
                    rule: 0, metric: "diversity.distinct_1", side: .synthetic, scope: "each_class", label: "neg",
                    condition: "synthetic ≥ 0.300", status: .fail, severity: .error, value: 0.2,
                    message: "0.200 is below min 0.300"),
                GateResult(
                    rule: 1, metric: "fidelity.mauve", side: .pair, scope: "overall", condition: "value ≥ 0.500",
                    status: .error, severity: .warn, value: nil, message: "not measured: no embeddings"),
            ],
            warnings: ["the original set was subsampled"], status: .fail)
        report.embedding = EmbeddingSummary(
            maxWordPieces: 256, longText: "chunk", windowStride: 128, maxWindows: 8,
            original: .init(rows: 4, rowsOverLimit: 0, rowsChunked: 0, rowsCut: 0, piecesCut: 0, largestCut: 0),
            synthetic: .init(rows: 4, rowsOverLimit: 3, rowsChunked: 3, rowsCut: 2, piecesCut: 70, largestCut: 57))
        report.projection = Projection(
            explainedVarianceRatio: [0.4, 0.2], points: ["original": [[0.1, -0.2]], "synthetic": [[0.3, 0.4]]])
        var quality = LabelQuality(
            sides: [
                "original": SideLabelQuality(
                    method: "knn", classes: ["neg", "pos"], rows: 4, issues: 1, classifierAccuracy: 0.75,
                    thresholds: [0.6, nil], confidentJoint: SparseMatrix([[2, 0], [1, 1]]),
                    noiseMatrix: SparseMatrix([[0.67, 0], [0.33, 1]]),
                    perClass: [
                        ClassLabelQuality(
                            label: "neg", rows: 2, issues: 1, suggestedInto: 0, noiseRate: 0.5, quality: 0.5,
                            meanSelfConfidence: 0.6),
                        ClassLabelQuality(
                            label: "pos", rows: 0, issues: 0, suggestedInto: 1, noiseRate: 0, quality: 1,
                            meanSelfConfidence: nil),
                    ])
            ],
            faithfulness: LabelFaithfulness(
                method: "logistic regression", classes: ["neg", "pos"], rows: 4, agreement: 0.5,
                confusion: SparseMatrix([[1, 1], [1, 1]]), issues: 2),
            labelSet: [
                LabelSetProblem(
                    label: "Neg", side: .synthetic, rows: 1, firstRow: 2, problem: "case_or_spacing_variant",
                    closest: "neg", predictedAs: "neg", predictedShare: 1),
                LabelSetProblem(label: nil, side: .synthetic, rows: 1, firstRow: nil, problem: "no_label"),
            ])
        quality.labelSet.append(
            LabelSetProblem(label: "pos", side: .original, rows: 2, firstRow: nil, problem: "missing_from_synthetic"))
        // A class with fewer rows than the folds: listed, not judged.
        quality.sides["original"]?.perClass[1].tooSmall = true
        report.labelQuality = quality
        report.distributions = [
            Distribution(
                id: "complexity.tokens", title: "Length (tokens)", edges: [0, 5, 10], original: [1, 3],
                synthetic: [4, 0]),
            Distribution(id: "complexity.smog", title: "SMOG", edges: [1.5, 2.5], original: nil, synthetic: [4]),
        ]
        var regions = RegionTable(
            rowsWithPlaces: ["original": 2, "synthetic": 1],
            continents: [CategoryCounts(value: "Europe", original: 2, synthetic: 1)],
            subregions: [CategoryCounts(value: "Western Europe", original: 2, synthetic: nil)],
            countries: [CategoryCounts(value: "France", original: 2, synthetic: 1)])
        regions.continentsByClass = ["neg": [CategoryCounts(value: "Europe", original: 1, synthetic: 0)]]
        var region = AttributeTable(
            field: "region", derived: false, values: [CategoryCounts(value: "north", original: 2, synthetic: 4)],
            coverage: 0.5, normalizedEntropy: ["original": 1, "synthetic": 0], jsd: 0.3, tvd: 0.4,
            chiSquarePValue: 0.01, jsdByClass: ["neg": 0.2])
        region.distinctValues = ["original": 1, "synthetic": 1]
        region.byValue = [
            ValueMetrics(
                value: "north", original: ValueSideMetrics(rows: 2, tooFew: true),
                synthetic: ValueSideMetrics(rows: 4, tooFew: true))
        ]
        // An attribute only the synthetic set has: no coverage or divergences, every measure by value.
        var method = AttributeTable(
            field: "generation_method", derived: false,
            values: [CategoryCounts(value: "targeted", original: nil, synthetic: 5)], coverage: nil,
            normalizedEntropy: [:], jsd: nil, tvd: nil, chiSquarePValue: nil, jsdByClass: [:])
        method.absentFrom = .original
        method.note = "the original set has no field 'generation_method'"
        method.distinctValues = ["synthetic": 1]
        method.byValue = [
            ValueMetrics(
                value: "targeted", original: nil,
                synthetic: ValueSideMetrics(
                    rows: 5, distinct2: 0.96, aps: -0.072, labelIssueRate: 0.4, nearDuplicateRate: 0))
        ]
        // A cell too few rows mention to judge.
        var female = GroupAssociation(
            group: "female", label: "neg", mentionRate: ["original": 0.25, "synthetic": 0.5],
            labelShare: ["original": 1, "synthetic": 0.5], logOddsRatio: ["original": 1.1, "synthetic": -0.2],
            logOddsRatioCI: ["original": [-1, 3.2], "synthetic": [-2, 1.6]], amplification: -1.3,
            amplificationCI: [-4, 1.4])
        female.mentioningRows = ["original": 1, "synthetic": 2]
        female.tooFew = true
        report.bias = BiasSummary(regions: regions, attributes: [region, method], groups: [female])
        return report
    }
}
