import AssayCore
import AssayMetrics
import AssayReport
import Foundation
import Testing

/// `assay compare` on the review fixtures, run as a subprocess.
@Suite struct CompareEndToEndTests {
    static let original = AssayCLI.fixture("reviews_original.jsonl")
    static let synthetic = AssayCLI.fixture("reviews_synthetic.jsonl")

    /// Every metric of the lexical diversity pack.
    static let diversityIDs = LexicalDiversity().descriptors.map(\.id)

    /// Corpus-level (type-count) metrics: intervals from size-matched subsamples of the larger side.
    static let corpusLevelIDs = LexicalDiversity().descriptors.filter { $0.interval == .subsample }.map(\.id)

    /// Aggregates of per-document scores: bootstrap intervals on both sides.
    static let perDocumentIDs = LexicalDiversity().descriptors.filter { $0.interval == .bootstrap }.map(\.id)

    @Test func compareOfTheReviewFixturesWritesAllThreeFilesAndAnHonestReport() throws {
        try withSandbox { sandbox in
            let out = sandbox.appendingPathComponent("report")
            let result = try AssayCLI.run(
                ["compare", "--original", Self.original, "--synthetic", Self.synthetic, "--out", out.path],
                in: sandbox)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            #expect(!result.crashed)
            #expect(AssayCLI.reportFiles(in: out) == AssayCLI.reportFileNames)

            let report = try AssayCLI.report(in: out)
            #expect(report.schemaVersion == 2)
            #expect(report.command == "compare")
            #expect(report.tool.name == "assay")
            #expect(report.status == .notGated)

            let originalInput = try #require(report.inputs.original)
            let syntheticInput = try #require(report.inputs.synthetic)
            #expect(originalInput.path == Self.original)
            #expect(syntheticInput.path == Self.synthetic)
            #expect(originalInput.format == "jsonl")
            #expect(originalInput.rows == 160)
            #expect(syntheticInput.rows == 160)
            #expect(originalInput.labels == ["negative": 80, "positive": 80])
            #expect(syntheticInput.labels == ["negative": 80, "positive": 80])
            #expect(originalInput.labelField == "label")
            #expect(originalInput.textFields == ["text"])
            #expect(originalInput.emptyTexts == 0)
            #expect(originalInput.bytes == 21_296)
            #expect(syntheticInput.bytes == 24_052)
            #expect(originalInput.sha256.count == 64)
            #expect(originalInput.sha256 != syntheticInput.sha256)

            // Equal sizes: nothing is subsampled.
            let matching = try #require(report.settings.sizeMatching)
            #expect(matching.rows == 160)
            #expect(matching.subsampledSide == nil)
            #expect(report.settings.seed == 13)

            for id in Self.diversityIDs {
                let metric = try #require(report.metric(id), "\(id) is missing")
                #expect(metric.family == "diversity")
                #expect(metric.original?.value != nil, "\(id): original value")
                #expect(metric.synthetic?.value != nil, "\(id): synthetic value")
                #expect(metric.original?.n == 160, "\(id): original n")
                #expect(metric.synthetic?.n == 160, "\(id): synthetic n")
                let byClass = try #require(metric.byClass, "\(id): by_class")
                #expect(Set(byClass.keys) == ["negative", "positive"], "\(id)")
                #expect(byClass["positive"]?.n == 80, "\(id)")
                #expect(byClass["negative"]?.n == 80, "\(id)")
            }

            // The templated synthetic set is far less diverse (fixtures/README.md: distinct-2 0.91 vs
            // 0.07, gzip ratio ~2.1 vs ~11.5, self-BLEU ~0.01 vs ~0.98).
            let distinct2 = try values(report, "diversity.distinct_2")
            #expect(distinct2.synthetic < distinct2.original)
            #expect(distinct2.synthetic < distinct2.original / 2)
            let compression = try values(report, "diversity.compression_ratio")
            #expect(compression.synthetic > compression.original)
            #expect(compression.synthetic > 2 * compression.original)
            let selfBLEU = try values(report, "diversity.self_bleu")
            #expect(selfBLEU.synthetic > selfBLEU.original)
            #expect(selfBLEU.synthetic - selfBLEU.original > 0.5)

            let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(html.contains("id=\"diversity\""))
            let external = try Regex(#"(?i)\b(src|href)\s*=\s*["']?\s*(https?:)?//"#)
            #expect(html.firstMatch(of: external) == nil, "report.html references an external resource")
            let externalCSS = try Regex(#"(?i)url\(\s*["']?\s*(https?:)?//"#)
            #expect(html.firstMatch(of: externalCSS) == nil, "report.html's CSS references an external resource")

            let problems = try #require(html.range(of: "<section id=\"problems\">"), "no problem list")
            #expect(problems.upperBound < (html.range(of: "<section id=\"verdict\">")?.lowerBound ?? html.startIndex))

            let markdown = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
            #expect(markdown.contains("diversity.distinct_2"))
            let ranked = try #require(markdown.range(of: "### Top problems"), "no problem list in summary.md")
            #expect(ranked.upperBound < (markdown.range(of: "| | Family |")?.lowerBound ?? markdown.startIndex))

            let header = result.stdout.split(separator: "\n").first {
                $0.hasPrefix("metric") && $0.contains("original") && $0.contains("synthetic")
            }
            #expect(header != nil, "no table header in stdout:\n\(result.stdout)")
            #expect(result.stdout.contains("diversity.self_bleu"))
            #expect(result.stdout.contains(out.appendingPathComponent("report.json").path))
        }
    }

    @Test func twoRunsWithTheSameInputsAndSeedWriteTheSameReport() throws {
        try withSandbox { sandbox in
            let folders = [sandbox.appendingPathComponent("first"), sandbox.appendingPathComponent("second")]
            for folder in folders {
                let result = try AssayCLI.run(
                    [
                        "compare", "--original", Self.original, "--synthetic", Self.synthetic, "--out", folder.path,
                        "-q",
                    ],
                    in: sandbox)
                #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            }
            func json(_ folder: URL) throws -> [Substring] {
                let text = try String(contentsOf: folder.appendingPathComponent("report.json"), encoding: .utf8)
                return text.split(separator: "\n", omittingEmptySubsequences: false).filter {
                    !$0.contains("\"created_at\"")
                }
            }
            let first = try json(folders[0])
            #expect(first.count > 100)
            #expect(first == (try json(folders[1])))
            let markdown = try folders.map {
                try Data(contentsOf: $0.appendingPathComponent("summary.md"))
            }
            #expect(!markdown[0].isEmpty)
            #expect(markdown[0] == markdown[1])
        }
    }

    /// `--semantic-sample 100` samples the 160-row sides and says so; `all` and the default (20,000) do not.
    @Test func semanticSampleTakesACountOrAll() throws {
        try withSandbox { sandbox in
            for (value, expected) in [("100", "sample of 100 of 160 rows a side"), ("all", nil), (nil, nil)] {
                let out = sandbox.appendingPathComponent("out-\(value ?? "default")")
                let result = try AssayCLI.run(
                    [
                        "compare", "--original", Self.original, "--synthetic", Self.synthetic, "--embedder", "hashing",
                        "--format", "json", "--out", out.path, "-q",
                    ] + (value.map { ["--semantic-sample", $0] } ?? []), in: sandbox)
                #expect(result.exitCode == 0, "stderr: \(result.stderr)")
                let report = try AssayCLI.report(in: out)
                #expect(report.settings.semanticSample?.basis == expected, "\(value ?? "default")")
            }
            let bad = try AssayCLI.run(
                ["compare", "--original", Self.original, "--synthetic", Self.synthetic, "--semantic-sample", "ten"],
                in: sandbox)
            #expect(bad.exitCode == 2 && bad.stderr.contains("--semantic-sample"), "\(bad.stderr)")
        }
    }

    @Test func theLargerSideIsSubsampledToTheSmallerAndCarriesSubsampleIntervals() throws {
        try withSandbox { sandbox in
            let lines = try String(contentsOfFile: Self.synthetic, encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
            let truncated = sandbox.appendingPathComponent("synthetic_100.jsonl")
            try Data((lines.prefix(100).joined(separator: "\n") + "\n").utf8).write(to: truncated)
            let out = sandbox.appendingPathComponent("out")
            let result = try AssayCLI.run(
                ["compare", "--original", Self.original, "--synthetic", truncated.path, "--out", out.path, "-q"],
                in: sandbox)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            let report = try AssayCLI.report(in: out)

            #expect(report.inputs.original?.rows == 160)
            #expect(report.inputs.synthetic?.rows == 100)
            let matching = try #require(report.settings.sizeMatching)
            #expect(matching.rows == 100)
            #expect(matching.subsampledSide == .original)
            #expect(matching.originalRows == 160)
            #expect(matching.syntheticRows == 100)
            #expect(report.warnings.contains { $0.contains("original") && $0.contains("100 rows") })

            for id in Self.corpusLevelIDs {
                let metric = try #require(report.metric(id), "\(id) is missing")
                let original = try #require(metric.original, "\(id): original")
                #expect(original.n == 100, "\(id)")
                #expect(original.interval == .subsample, "\(id)")
                let ci = try #require(original.ci, "\(id): original ci")
                #expect(ci.count == 2, "\(id)")
                if ci.count == 2 {
                    #expect(ci[0] <= ci[1], "\(id): \(ci)")
                }
                let synthetic = try #require(metric.synthetic, "\(id): synthetic")
                #expect(synthetic.n == 100, "\(id)")
                #expect(synthetic.ci == nil, "\(id): the smaller side has no subsample interval")
                #expect(synthetic.interval == nil, "\(id)")
            }
            for id in Self.perDocumentIDs {
                let metric = try #require(report.metric(id), "\(id) is missing")
                for side in Side.allCases {
                    let value = try #require(metric.side(side), "\(id): \(side)")
                    #expect(value.interval == .bootstrap, "\(id): \(side)")
                    let ci = try #require(value.ci, "\(id): \(side) ci")
                    #expect(ci.count == 2, "\(id): \(side)")
                    if ci.count == 2 {
                        #expect(ci[0] <= ci[1], "\(id): \(side) \(ci)")
                    }
                }
            }
        }
    }

    @Test func quietPrintsNothingAndFormatChoosesTheFiles() throws {
        try withSandbox { sandbox in
            let out = sandbox.appendingPathComponent("out")
            let result = try AssayCLI.run(
                [
                    "compare", "--original", Self.original, "--synthetic", Self.synthetic, "--out", out.path,
                    "--format", "json,md", "--quiet",
                ],
                in: sandbox)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.isEmpty)
            #expect(AssayCLI.reportFiles(in: out) == ["report.json", "summary.md"])
        }
    }

    @Test func aBadSyntheticFileIsNamedAndNoReportIsWritten() throws {
        try withSandbox { sandbox in
            let bad = sandbox.appendingPathComponent("bad.jsonl")
            try Data("{\"text\": \"a b c\", \"label\": \"x\"}\n{\"text\": \n".utf8).write(to: bad)
            let out = sandbox.appendingPathComponent("out")
            let result = try AssayCLI.run(
                ["compare", "--original", Self.original, "--synthetic", bad.path, "--out", out.path], in: sandbox)
            #expect(result.exitCode == 3)
            #expect(result.stderrLines.count == 1)
            #expect(result.stderr.hasPrefix("assay: \(bad.path):2: "), "stderr: \(result.stderr)")
            #expect(AssayCLI.isAbsentOrEmpty(out))
        }
    }

    /// The original and synthetic point values of metric `id`.
    private func values(_ report: Report, _ id: MetricID) throws -> (original: Double, synthetic: Double) {
        let metric = try #require(report.metric(id))
        return (try #require(metric.original?.value), try #require(metric.synthetic?.value))
    }
}
