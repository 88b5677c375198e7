import AssayCore
import AssayReport
import AssayTestSupport
import Foundation
import Testing

@testable import AssayMetrics
@testable import AssayPipeline

/// Each part of chat and instruction examples is measured exactly as the same texts written flat: the
/// test splits the fixtures itself, by the README's rules, into plain `{"text", "label"}` files, runs
/// them, and compares every number.
@Suite(.serialized) struct ShapePartsTests {
    static let options = RunOptions(embedding: EmbeddingProvider(choice: .hashing))

    /// A fresh folder under the system's temporary directory, removed after `body`.
    private func withTemporaryFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-shapes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }

    /// The prompt and response of one fixture row, split without Assay's code: system, user and tool
    /// turns (ShareGPT's human) are the prompt, assistant turns (gpt) the response, joined with a
    /// newline, blank turns left out; Alpaca's prompt is the instruction and a non-blank input.
    static func split(_ row: [String: Any]) -> (prompt: String, response: String) {
        func joined(_ texts: [String]) -> String {
            texts.filter { !$0.allSatisfy(\.isWhitespace) }.joined(separator: "\n")
        }
        if let turns = (row["messages"] ?? row["conversations"]) as? [[String: Any]] {
            var prompt: [String] = []
            var response: [String] = []
            for turn in turns {
                let role = (turn["role"] ?? turn["from"]) as? String ?? ""
                let text = (turn["content"] ?? turn["value"]) as? String ?? ""
                if role == "assistant" || role == "gpt" { response.append(text) } else { prompt.append(text) }
            }
            return (joined(prompt), joined(response))
        }
        if let instruction = row["instruction"] as? String {
            return (joined([instruction, row["input"] as? String ?? ""]), row["output"] as? String ?? "")
        }
        return (row["prompt"] as? String ?? "", row["response"] as? String ?? "")
    }

    /// Writes the `part` of every row of `fixture` flat into `folder`, and returns the file's path.
    static func flatten(_ fixture: String, part: TextPart, into folder: URL) throws -> String {
        let lines = try String(contentsOfFile: TestPaths.fixture(fixture), encoding: .utf8).split(separator: "\n")
        var output = ""
        for line in lines {
            let row = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let (prompt, response) = split(row)
            var flat: [String: Any] = ["text": part == .prompt ? prompt : response, "label": row["label"] ?? ""]
            if let source = (row["meta"] as? [String: Any])?["source"] { flat["source"] = source }
            output += String(
                decoding: try JSONSerialization.data(withJSONObject: flat, options: [.sortedKeys]), as: UTF8.self)
            output += "\n"
        }
        let name = fixture.replacingOccurrences(of: "/", with: "_")
        let url = folder.appendingPathComponent("\(part.rawValue)-\(name)")
        try output.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// `shaped`'s metrics and findings of `part` equal `flat`'s, one by one.
    func expectPart(_ part: TextPart, of shaped: Report, equals flat: Report) {
        // The language mismatch compares the two parts, so flat texts have no such metric.
        let measured = shaped.metrics.filter { $0.part == part && $0.id != "bias.language_mismatch_rate" }
        #expect(measured.count == flat.metrics.count, "\(part): \(measured.count) metrics, flat \(flat.metrics.count)")
        for expected in flat.metrics {
            guard var metric = shaped.metric(expected.id, part: part) else {
                Issue.record("no \(expected.id) on the \(part)")
                continue
            }
            metric.part = nil
            // The attribute is `meta.source` in the chat files and `source` in the flat ones.
            metric.note = metric.note?.replacingOccurrences(of: "meta.source", with: "source")
            #expect(metric == expected, "\(part): \(expected.id)")
        }
        let findings = shaped.findings.filter { $0.part == part }.map { finding in
            var finding = finding
            finding.part = nil
            return finding
        }
        #expect(findings == flat.findings, "\(part): findings")
    }

    /// The hashing embedder and one attribute field.
    static func options(attribute: String) -> RunOptions {
        RunOptions(fields: FieldOptions(attributeFields: [attribute]), embedding: EmbeddingProvider(choice: .hashing))
    }

    // The chat rows carry their source nested (`meta.source`); the flat files carry it as `source`.
    @Test func chatPromptsAndResponsesMeasureAsTheSameTextsWrittenFlat() async throws {
        try await withTemporaryFolder { folder in
            let shaped = try await Comparison.run(
                original: TestPaths.fixture("shapes/chat_original.jsonl"),
                synthetic: TestPaths.fixture("shapes/chat_synthetic.jsonl"),
                options: Self.options(attribute: "meta.source")
            ).report
            #expect(shaped.shape?.judgedPart == .response)
            for part in TextPart.allCases {
                let flat = try await Comparison.run(
                    original: try Self.flatten("shapes/chat_original.jsonl", part: part, into: folder),
                    synthetic: try Self.flatten("shapes/chat_synthetic.jsonl", part: part, into: folder),
                    options: Self.options(attribute: "source")
                ).report
                if part == .response {
                    // The nested attribute is audited as the flat one is: forum against generator.
                    let nested = try #require(shaped.bias?.attributes.first { $0.field == "meta.source" })
                    var flatSource = try #require(flat.bias?.attributes.first { $0.field == "source" })
                    #expect(flatSource.values.map(\.value) == ["forum", "generator"])
                    #expect(flatSource.values.map { [$0.original, $0.synthetic] } == [[36, 0], [0, 36]])
                    flatSource.field = "meta.source"
                    #expect(nested == flatSource)
                    // Every family judges the response.
                    #expect(
                        Set(flat.metrics.map(\.family)).isSuperset(of: ["complexity", "noise", "fidelity", "utility"]))
                    expectPart(part, of: shaped, equals: flat)
                } else {
                    // The prompt gets diversity, duplicates and leakage only.
                    let families: Set<String> = ["diversity", "duplicates", "leakage"]
                    var only = flat
                    only.metrics = flat.metrics.filter { families.contains($0.family) }
                    only.findings = flat.findings.filter {
                        [.repeatedPhrase, .exactDuplicates, .nearDuplicates, .leakedPair, .sharedNgram].contains(
                            $0.kind)
                    }
                    expectPart(part, of: shaped, equals: only)
                }
            }
        }
    }

    @Test(arguments: ["shapes/sharegpt.jsonl", "shapes/alpaca.jsonl", "shapes/prompt_response.jsonl"])
    func eachLayoutMeasuresAsItsPartsWrittenFlat(fixture: String) async throws {
        try await withTemporaryFolder { folder in
            let shaped = try await Analysis.run(TestPaths.fixture(fixture), options: Self.options).report
            for part in TextPart.allCases {
                let flat = try await Analysis.run(
                    try Self.flatten(fixture, part: part, into: folder), options: Self.options
                ).report
                var expected = flat
                if part == .prompt {
                    expected.metrics = flat.metrics.filter { ["diversity", "duplicates"].contains($0.family) }
                    expected.findings = flat.findings.filter {
                        [.repeatedPhrase, .exactDuplicates, .nearDuplicates].contains($0.kind)
                    }
                }
                expectPart(part, of: shaped, equals: expected)
            }
        }
    }

    // The fixtures are written by scripts/make-shape-fixtures.py. Original: 36 rows of a user and an
    // assistant turn, a system turn on rows 1, 4, 7 … (12), and a second exchange on rows 2, 6, … 34 (9):
    // 72 + 12 + 18 = 102 turns. Synthetic: 72 + 12 system turns, one null assistant turn (row 6) and
    // one blank user turn (row 8) = 86 turns, 2 of them empty. Two answers repeat their question: row 36's
    // starts with it, and row 8's ("What makes a sauce split is …") repeats its last non-blank user turn.
    @Test func shapeStatisticsOfTheChatFixtures() async throws {
        let report = try await Comparison.run(
            original: TestPaths.fixture("shapes/chat_original.jsonl"),
            synthetic: TestPaths.fixture("shapes/chat_synthetic.jsonl"), options: Self.options
        ).report
        let original = try #require(report.shape?.original)
        let synthetic = try #require(report.shape?.synthetic)
        #expect(original.turns == 102 && synthetic.turns == 86)
        #expect(
            original.turnCounts == ["2": 18, "3": 9, "4": 6, "5": 3] && synthetic.turnCounts == ["2": 22, "3": 14])
        #expect(original.rolesPresent == ["system": 12, "user": 36, "assistant": 36, "tool": 0])
        #expect(synthetic.emptyTurns == 2 && synthetic.promptEchoes == 2 && original.promptEchoes == 0)
        let turns = try #require(report.metric("shape.turns_per_example"))
        #expect(abs((turns.original?.value ?? 0) - 102.0 / 36) < 1e-12)
        #expect(abs((turns.synthetic?.value ?? 0) - 86.0 / 36) < 1e-12)
        #expect(turns.part == nil)
        let empty = try #require(report.metric("shape.empty_turn_rate")?.synthetic)
        #expect(abs((empty.value ?? 0) - 2.0 / 86) < 1e-12 && empty.n == 86)
        let echo = try #require(report.metric("shape.prompt_echo_rate")?.synthetic)
        #expect(abs((echo.value ?? 0) - 2.0 / 36) < 1e-12 && echo.n == 36)
        // The judged part's metric is the plain lookup; the other part's needs its name.
        #expect(report.metric("diversity.distinct_2")?.part == .response)
        #expect(report.metric("diversity.distinct_2", part: .prompt)?.part == .prompt)
        #expect(report.metric("complexity.tokens", part: .prompt) == nil)
        #expect(report.values.contains { $0.metric == "diversity.distinct_2@prompt" && $0.side == .synthetic })
    }

    // Newcombe (1998), Statistics in Medicine 17:857–872, Table I: 81 of 263 → Wilson 0.2553–0.3662.
    @Test func wilsonIntervalMatchesNewcombesExample() {
        let value = ShapeStatistics.rate(81, of: 263, noun: "rows")
        #expect(abs((value.ci?[0] ?? 0) - 0.2553) < 5e-5 && abs((value.ci?[1] ?? 0) - 0.3662) < 5e-5)
        #expect(ShapeStatistics.rate(0, of: 0, noun: "rows").value == nil)
    }

    // Conover, Practical Nonparametric Statistics (1999), §3.2: for n = 100 the 95% interval of the
    // median runs from the 40th to the 61st order statistic.
    @Test func medianIntervalUsesConoversRanks() {
        let value = ShapeStatistics.median((1...100).map(Double.init).reversed())
        #expect(value.value == 50.5 && value.ci == [40, 61])
    }

    @Test func plainTextAgainstChatIsAnInputError() async throws {
        do {
            _ = try await Comparison.run(
                original: TestPaths.fixture("reviews_original.jsonl"),
                synthetic: TestPaths.fixture("shapes/chat_synthetic.jsonl"), options: Self.options)
            Issue.record("a plain file and a chat file were compared")
        } catch let error as AssayError {
            #expect(error.exitCode == 3 && error.file == TestPaths.fixture("reviews_original.jsonl"))
            #expect(error.message.hasPrefix("holds plain texts ('text') but "))
        }
    }
}
