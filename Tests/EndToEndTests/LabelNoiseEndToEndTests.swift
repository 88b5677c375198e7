import AssayReport
import AssayTestSupport
import Foundation
import Testing

/// Label noise from the command line: the user's own probabilities, label-set problems, and the
/// evidence in the report.
@Suite struct LabelNoiseEndToEndTests {
    /// The labels of a JSONL fixture, in file order.
    static func labels(_ fixture: String) throws -> [String] {
        let text = try String(contentsOfFile: AssayCLI.fixture(fixture), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["label"] as? String)
        }
    }

    /// Probabilities 0.9 for the given label on every row but lines 3 and 5, which get 0.05.
    ///
    /// Hand count (80 negative, 80 positive rows; say line 3 is labelled a and line 5 b): t_a =
    /// (79·0.9 + 0.05)/80 = 0.8894; line 3 has p(other) = 0.95 ≥ t_other, so C[a][other] = 1 and every
    /// other row is confident in its own label. Calibration keeps [79, 1]; pruning flags the one row
    /// labelled a with the largest margin — line 3 — and likewise line 5. Nothing else.
    @Test func suppliedProbabilitiesFlagExactlyTheRowsTheyContradict() throws {
        let labels = try Self.labels("reviews_original.jsonl")
        let classes = Array(Set(labels)).sorted()
        let lines = labels.enumerated().map { index, label -> String in
            let given = index + 1 == 3 || index + 1 == 5 ? 0.05 : 0.9
            let row = classes.map { $0 == label ? given : 1 - given }
            return "{\"pred_probs\": [\(row.map { String($0) }.joined(separator: ", "))]}"
        }
        try withSandbox { sandbox in
            let probabilities = sandbox.appendingPathComponent("probs.jsonl")
            try (lines.joined(separator: "\n") + "\n").write(to: probabilities, atomically: true, encoding: .utf8)
            let result = try AssayCLI.run(
                [
                    "analyze", AssayCLI.fixture("reviews_original.jsonl"), "--as", "original", "--pred-probs",
                    probabilities.path, "--embedder", "none", "--format", "json", "--out", "out", "-q",
                ], in: sandbox)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("out"))
            let issues = report.findings.filter { $0.kind == .labelIssue }
            #expect(issues.compactMap(\.row).sorted() == [3, 5])
            #expect(issues.allSatisfy { $0.score == Double(Float(0.05)) && $0.given != $0.suggested })
            #expect(report.metric("noise.label_issue_rate")?.original?.value == 2.0 / 160.0)
            #expect(report.metric("noise.label_health")?.original?.value == 158.0 / 160.0)
            let side = try #require(report.labelQuality?.sides["original"])
            #expect(side.method.contains("probs.jsonl"))
            #expect(side.confidentJoint.dense == [[79, 1], [1, 79]])
            // In report.json: the four non-zero cells as [given, true, rows], row-major.
            let json = try Data(contentsOf: sandbox.appendingPathComponent("out/report.json"))
            let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            let quality = try #require(object["label_quality"] as? [String: Any])
            let original = try #require((quality["sides"] as? [String: Any])?["original"] as? [String: Any])
            let joint = try #require(original["confident_joint"] as? [String: Any])
            #expect(joint["rows"] as? Int == 2 && joint["columns"] as? Int == 2)
            #expect(joint["cells"] as? [[Int]] == [[0, 0, 79], [0, 1, 1], [1, 0, 1], [1, 1, 79]])
        }
    }

    @Test(arguments: [
        (["probs.jsonl"], Int32(2), "say which set"),
        (["synthetic=rows.jsonl"], Int32(3), "has 2 rows but"),
        (["synthetic=sum.jsonl"], Int32(3), "sum.jsonl:2: pred_probs: row 2 is not a probability distribution"),
        (["synthetic=columns.jsonl"], Int32(3), "has 3 columns but"),
    ])
    func badProbabilityFilesAreOneLineErrors(arguments: [String], code: Int32, message: String) throws {
        try withSandbox { sandbox in
            let rows = try Self.labels("reviews_synthetic.jsonl").count
            let files = [
                "probs.jsonl": Array(repeating: "{\"pred_probs\": [0.5, 0.5]}", count: rows),
                "rows.jsonl": Array(repeating: "{\"pred_probs\": [0.5, 0.5]}", count: 2),
                "sum.jsonl": ["{\"pred_probs\": [0.5, 0.5]}", "{\"pred_probs\": [0.9, 0.5]}"]
                    + Array(repeating: "{\"pred_probs\": [0.5, 0.5]}", count: rows - 2),
                "columns.jsonl": Array(repeating: "{\"pred_probs\": [0.2, 0.3, 0.5]}", count: rows),
            ]
            for (name, lines) in files {
                try (lines.joined(separator: "\n") + "\n").write(
                    to: sandbox.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            let result = try AssayCLI.run(
                [
                    "compare", "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic",
                    AssayCLI.fixture("reviews_synthetic.jsonl"), "--embedder", "none", "--out", "out",
                ] + arguments.flatMap { ["--pred-probs", $0] }, in: sandbox)
            #expect(result.exitCode == code, "\(result.stderr)")
            #expect(result.stderrLines.count == 1 && result.stderr.contains(message), "\(result.stderr)")
            #expect(AssayCLI.isAbsentOrEmpty(sandbox.appendingPathComponent("out")))
        }
    }

    /// A synthetic set whose labels drift from the original's: "Positive " (a case and spacing variant),
    /// "neutral" (a new label); the original's "negative" is kept on some rows.
    @Test func labelSetProblemsNameTheClosestOriginalLabel() throws {
        try withSandbox { sandbox in
            let text = try String(contentsOfFile: AssayCLI.fixture("reviews_synthetic.jsonl"), encoding: .utf8)
            var lines = text.split(separator: "\n").map(String.init)
            for index in lines.indices where lines[index].contains("\"positive\"") {
                lines[index] = lines[index].replacingOccurrences(
                    of: "\"positive\"", with: index % 2 == 0 ? "\"Positive \"" : "\"neutral\"")
            }
            try (lines.joined(separator: "\n") + "\n").write(
                to: sandbox.appendingPathComponent("drift.jsonl"), atomically: true, encoding: .utf8)
            let result = try AssayCLI.run(
                [
                    "compare", "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic", "drift.jsonl",
                    "--embedder", "hashing", "--out", "out", "-q",
                ], in: sandbox)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let out = sandbox.appendingPathComponent("out")
            let report = try AssayCLI.report(in: out)
            let problems = try #require(report.labelQuality?.labelSet)
            let variant = try #require(problems.first { $0.label == "Positive " })
            #expect(variant.problem == "case_or_spacing_variant" && variant.closest == "positive")
            let neutral = try #require(problems.first { $0.label == "neutral" })
            #expect(neutral.problem == "absent_from_original" && neutral.closest == nil)
            #expect(neutral.predictedAs != nil && neutral.side == .synthetic)
            let missing = try #require(problems.first { $0.label == "positive" })
            #expect(missing.problem == "missing_from_synthetic" && missing.side == .original)
            #expect(report.findings.filter { $0.kind == .labelSet }.count == problems.count)
            let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(html.contains("<section id=\"noise\">") && html.contains("Label-set problems"))
            #expect(html.contains("<section id=\"utility\">"))
        }
    }

    /// The review fixtures with MiniLM: confident learning on the synthetic set flags exactly its five
    /// flipped rows (lines 18, 45, 72, 103, 140, fixtures/README.md), and a model of the original
    /// disputes the four positive reviews labelled negative first.
    @Test(.requiresModel)
    func theFlippedSyntheticRowsAreFlaggedAndDisputed() throws {
        try withSandbox { sandbox in
            let result = try AssayCLI.run(
                [
                    "compare", "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic",
                    AssayCLI.fixture("reviews_synthetic.jsonl"), "--embedder", "minilm", "--model-dir",
                    TestPaths.modelDirectory, "--store", "store.sqlite", "--out", "out", "-q",
                ], in: sandbox, timeout: 300)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("out"))
            let flagged = report.findings.filter { $0.kind == .labelIssue && $0.side == .synthetic }
            #expect(Set(flagged.compactMap(\.row)) == [18, 45, 72, 103, 140])
            let disputed = report.findings.filter { $0.kind == .labelDisagreement }.compactMap(\.row)
            #expect(Set(disputed.prefix(4)) == [45, 72, 103, 140], "\(disputed)")
            let agreement = try #require(report.metric("noise.synthetic_label_agreement"))
            #expect(agreement.n == 160 && agreement.ci?.count == 2)
            #expect(report.settings.classifier == "ensemble" && report.settings.folds == 5)
        }
    }
}
