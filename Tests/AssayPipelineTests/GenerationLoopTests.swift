import AssayCore
import AssayGate
import AssayGenerate
import AssayMetrics
import AssayReport
import AssayStore
import AssayTestSupport
import Foundation
import Testing

@testable import AssayPipeline

/// The generation loop in-process: on the committed SmolLM2 cassette with the real analysis, and on
/// scripted clients with hand-made reports, so every re-plan decision is checked without a subprocess
/// or a server.
struct GenerationLoopTests {
    /// The live two-round SmolLM2-135M run of `fixtures/llm/news.yml`, replayed: round 1 asks 4 × 4 and
    /// rejects three answers as talk about the task, leaving Business 2 and Sci/Tech 3 of 4; the re-plan
    /// asks for exactly those three; the spread gate (Vendi score / N ≥ 0.95) still fails after round 2.
    @Test func theCassetteRunFillsTheClassesInItsSecondRoundAndTheGateStillFails() async throws {
        let folder = try Folder()
        let analysis = RunOptions(
            embedding: EmbeddingProvider(choice: .hashing, storePath: folder.path("store.sqlite")))
        let recorder = EventRecorder()
        var options = GenerationOptions(
            specPath: TestPaths.fixture("llm/news.yml"), rounds: 2,
            gatePolicyPath: TestPaths.fixture("llm/spread-gate.yml"), outFile: folder.path("news.jsonl"),
            replayPath: TestPaths.fixture("llm/news-smollm2.cassette.json"),
            reportDirectory: folder.path("rounds"), formats: [.json], analysis: analysis)
        options.analysis.settings.seed = 99  // the spec's seed (11) is used instead
        let result = try await GenerationLoop.run(options, events: recorder.record)

        #expect(result.rounds.count == 2)
        #expect(result.stop == .lastRound)
        #expect(result.status == .fail && result.gateFails)
        let first = result.rounds[0]
        #expect(first.asked == 16 && first.outcome.kept.count == 13)
        #expect(first.outcome.rejected == ["meta": 3] && first.outcome.disputed == 9)
        #expect(first.perClass.map(\.label) == ["World", "Sports", "Business", "Sci/Tech"])
        #expect(first.perClass.map(\.count) == [4, 4, 2, 3])
        #expect(first.gateStatus == .fail)
        #expect(first.replan?.dropped == [])
        #expect(first.replan?.wanted == ["World": 0, "Sports": 0, "Business": 2, "Sci/Tech": 1])
        let second = result.rounds[1]
        #expect(second.asked == 3 && second.outcome.kept.count == 3)
        #expect(second.perClass.map(\.count) == [4, 4, 4, 4])
        #expect(second.replan == nil, "the last round does not re-plan")
        #expect(result.kept.count == 16)
        #expect(result.kept.filter { $0.round == 2 }.map(\.label) == ["Business", "Business", "Sci/Tech"])

        // Each round is a run of `generate` under the spec's name, with the figures the re-plan steers:
        // the smallest class over the largest, 2/4 then 4/4.
        let store = try RunStore(path: folder.path("store.sqlite"))
        let runs = try store.runs()
        #expect(runs.map(\.command) == ["generate", "generate"] && runs.allSatisfy { $0.datasetName == "news" })
        #expect(runs.map(\.status) == [.fail, .fail])
        let balance = try [first.runID, second.runID].map { run in
            try store.metricValues(run: run).first { $0.metric == "generate.class_balance" }?.value
        }
        #expect(balance == [0.5, 1.0])
        let report = try JSONDecoder().decode(
            Report.self, from: Data(contentsOf: URL(fileURLWithPath: folder.path("rounds/round-2/report.json"))))
        #expect(report.inputs.synthetic?.rows == 16 && report.settings.seed == 11)
        #expect(
            try String(contentsOfFile: folder.path("news.jsonl"), encoding: .utf8).split(separator: "\n").count == 16)
        #expect(recorder.rounds == [1, 2] && recorder.analysed == 2)
    }

    /// Rows 1 and 2 (sports) form a near-duplicate group in round 1's hand-made report: row 2 is dropped,
    /// round 2 asks for one sports example, and with every class full and no gate the run stops there,
    /// one round short of `rounds`.
    @Test func aNearDuplicateClusterIsThinnedAndRegenerated() async throws {
        let folder = try Folder()
        let client = ScriptedClient([
            "Local team wins the cup final", "The cup final is won by the local team",
            "Shares climb after strong earnings", "Bank cuts interest rates again",
            "Runner breaks the world record in Rome",
        ])
        let reports = ReportScript([
            Self.report(findings: [Self.nearDuplicates(row: 1, related: [2])]),
            Self.report(),
        ])
        let recorder = EventRecorder()
        let loop = try GenerationLoop(
            spec: Self.spec(), client: client, analyse: reports.analyse, store: folder.store(), rounds: 3,
            outFile: folder.path("gen.jsonl"), reportDirectory: folder.path("rounds"), formats: [.json])
        let result = try await loop.run(events: recorder.record)

        #expect(result.rounds.map(\.asked) == [4, 1])
        #expect(result.rounds[0].replan?.dropped == [1])
        #expect(result.rounds[0].replan?.wanted == ["sports": 1, "business": 0])
        #expect(result.rounds[0].perClass.map(\.count) == [2, 2], "counted before the re-plan drops")
        #expect(result.rounds[1].perClass.map(\.count) == [2, 2])
        #expect(result.stop == .done && result.rounds[1].replan == ReplanDecision())
        #expect(
            result.kept.map(\.text) == [
                "Local team wins the cup final", "Shares climb after strong earnings",
                "Bank cuts interest rates again", "Runner breaks the world record in Rome",
            ])
        #expect(result.status == nil)
        #expect(client.asked.count == 5)
        #expect(recorder.dropped == [1])
        // The second analysis saw the thinned set plus the new row.
        #expect(reports.rowsSeen == [4, 4])
    }

    /// Sports' distinct-2 is 0.30 (< 0.5 without an original) and the policy wants ≥ 0.95, so with both
    /// classes full the gate fails: the re-plan tops up half a class (1 of 2) of sports alone, sampled
    /// 0.2 hotter; the simple strategy asks the model for no new attribute values.
    @Test func aFailingGateWithFullClassesTopsUpTheLowDiversityClass() async throws {
        let folder = try Folder()
        let client = ScriptedClient([
            "go team go", "win win win", "Shares climb after strong earnings", "Bank cuts interest rates again",
            "Runner breaks the world record in Rome",
        ])
        let reports = ReportScript([
            Self.report(distinct2: ["sports": 0.30, "business": 0.90]),
            Self.report(distinct2: ["sports": 0.60, "business": 0.90]),
        ])
        let gate = folder.path("gate.yml")
        try "rules:\n  - metric: diversity.distinct_2\n    side: synthetic\n    min: 0.95\n".write(
            toFile: gate, atomically: true, encoding: .utf8)
        let loop = try GenerationLoop(
            spec: Self.spec(strategy: "simple"), client: client, analyse: reports.analyse, store: folder.store(),
            policy: GatePolicy.load(path: gate, catalog: MetricCatalog(Assessment.catalog)), rounds: 2,
            outFile: folder.path("gen.jsonl"), reportDirectory: folder.path("rounds"), formats: [.json])
        let result = try await loop.run()

        let decision = try #require(result.rounds[0].replan)
        #expect(
            decision
                == ReplanDecision(
                    dropped: [], lowDiversity: ["sports"], widened: [:], topUp: ["sports": 1],
                    wanted: ["sports": 1, "business": 0]))
        #expect(result.rounds.map(\.asked) == [4, 1])
        #expect(result.rounds.map(\.gateStatus) == [.fail, .fail])
        #expect(result.rounds[1].perClass.map(\.count) == [3, 2])
        #expect(result.stop == .lastRound && result.gateFails)
        // Every example was asked at the spec's 0.7 in round 1; sports at 0.7 + 0.2 in round 2.
        let temperatures = client.asked.map { $0.temperature ?? 0 }
        #expect(temperatures.count == 5 && temperatures.prefix(4).allSatisfy { abs($0 - 0.7) < 1e-9 })
        #expect(abs(temperatures[4] - 0.9) < 1e-9)
    }

    /// Every class full after round 1, no policy: done, whatever `rounds` allows.
    @Test func fullClassesWithoutAGateStopAfterTheFirstRound() async throws {
        let folder = try Folder()
        let client = ScriptedClient(["One headline here", "Two headline there", "Third story now", "Fourth item again"])
        let loop = try GenerationLoop(
            spec: Self.spec(), client: client, analyse: ReportScript([Self.report()]).analyse,
            store: folder.store(), rounds: 5, outFile: folder.path("gen.jsonl"),
            reportDirectory: folder.path("rounds"), formats: [.json])
        let result = try await loop.run()
        #expect(result.rounds.count == 1 && result.stop == .done)
        #expect(result.rounds[0].replan == ReplanDecision())
        #expect(client.asked.count == 4)
        #expect(try folder.store().runs().count == 1)
    }

    @Test func aFailingBackendIsARuntimeErrorNamingIt() async throws {
        let folder = try Folder()
        let loop = try GenerationLoop(
            spec: Self.spec(), client: FailingClient(), analyse: ReportScript([]).analyse, store: folder.store(),
            outFile: folder.path("gen.jsonl"), reportDirectory: folder.path("rounds"))
        do {
            _ = try await loop.run()
            Issue.record("the run should fail")
        } catch let error as AssayError {
            #expect(error.exitCode == 3 && error.description.contains("backend: the answer is not a chat completion"))
        }
    }

    // MARK: - Hand-made parts

    static func spec(strategy: String = "attributed") throws -> TaskSpec {
        try TaskSpec.parse(
            """
            task: Short news headlines.
            classes: [sports, business]
            strategy: \(strategy)
            count_per_class: 2
            temperature: 0.7
            backend: { base_url: "http://127.0.0.1:9/v1", model: scripted }
            """, path: "news.yml")
    }

    static func nearDuplicates(row: Int, related: [Int]) -> Finding {
        Finding(
            kind: .nearDuplicates, side: .synthetic, row: row,
            related: related.map { RelatedRow(side: .synthetic, row: $0, text: "") })
    }

    /// A report with only what the re-plan reads: findings and distinct-2 by class.
    static func report(findings: [Finding] = [], distinct2: [String: Double] = [:]) -> Report {
        var metrics: [MetricResult] = []
        if let lowest = distinct2.values.min() {
            metrics.append(
                MetricResult(
                    id: "diversity.distinct_2", family: "diversity", title: "Distinct-2", better: .higher,
                    synthetic: SideValue(value: lowest, n: 4),
                    byClass: distinct2.mapValues { ClassValue(original: nil, synthetic: $0, n: 2) }))
        }
        return Report(
            tool: ToolInfo(version: "test"), createdAt: "2026-01-01T00:00:00Z", command: "generate",
            inputs: Inputs(),
            settings: Settings(
                seed: 1, sizeMatching: nil, selfBleuHypotheses: 1, bootstrapResamples: 1, subsampleRepeats: 1),
            metrics: metrics, findings: findings)
    }
}

/// Answers each request with the next scripted text, in the order asked, and keeps the requests.
final class ScriptedClient: LLMClient, @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String]
    private var requests: [ChatRequest] = []

    init(_ texts: [String]) {
        self.texts = texts
    }

    var asked: [ChatRequest] { lock.withLock { requests } }

    func complete(_ request: ChatRequest) async throws -> ChatCompletion {
        try lock.withLock {
            requests.append(request)
            guard !texts.isEmpty else { throw ChatError.malformedResponse("the script has no more answers") }
            return ChatCompletion(content: texts.removeFirst(), promptTokens: 10, completionTokens: 5)
        }
    }
}

struct FailingClient: LLMClient {
    func complete(_ request: ChatRequest) async throws -> ChatCompletion {
        throw ChatError.malformedResponse("<html>")
    }
}

/// An analyse step that returns the scripted reports in turn and notes the rows it was given.
final class ReportScript: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [Report]
    private var rows: [Int] = []

    init(_ reports: [Report]) {
        self.reports = reports
    }

    var rowsSeen: [Int] { lock.withLock { rows } }

    var analyse: GenerationLoop.AnalyseStep {
        { synthetic in
            try self.lock.withLock {
                self.rows.append(synthetic.count)
                guard !self.reports.isEmpty else { throw AssayError(.runtime, "no scripted report left") }
                return RunResult(
                    report: self.reports.removeFirst(), embedderName: nil, embeddingsComputed: 0, embeddingsCached: 0)
            }
        }
    }
}

/// The events of a run, as far as the tests look at them.
final class EventRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [GenerationEvent] = []

    var record: @Sendable (GenerationEvent) -> Void {
        { event in self.lock.withLock { self.events.append(event) } }
    }

    var rounds: [Int] {
        lock.withLock {
            events.compactMap {
                if case .round(let round) = $0 { return round.round }
                return nil
            }
        }
    }

    var analysed: Int {
        lock.withLock {
            events.filter {
                if case .analysed = $0 { return true }
                return false
            }.count
        }
    }

    var dropped: [Int] {
        lock.withLock {
            events.compactMap {
                if case .droppedClusterRows(let count) = $0 { return count }
                return nil
            }
        }
    }
}

/// A fresh temporary folder.
struct Folder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("assay-loop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func store() throws -> RunStore { try RunStore(path: path("store.sqlite")) }
}
