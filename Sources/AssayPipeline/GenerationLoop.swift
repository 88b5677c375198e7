import AssayCore
import AssayGate
import AssayGenerate
import AssayMetrics
import AssayReport
import AssayStore
import Foundation

/// `assay generate` as a library: round by round, asks the model for the examples a task spec
/// describes, checks, filters and dedups them, writes the set, analyses it, records a run, and steers
/// the next round by `ReplanPolicy`.
///
/// The analysis is injected (`analyse`), so a test can run the loop on a cassette or a scripted client
/// with a hand-made report; `GenerationLoop.comparison(original:options:)` is the real one.
///
///     let loop = GenerationLoop(
///         spec: try TaskSpec.load(path: "news.yml"), client: CassetteClient(try Cassette.load(path: "news.json")),
///         analyse: GenerationLoop.comparison(original: nil, options: RunOptions()), store: try RunStore(),
///         outFile: "generated.jsonl", reportDirectory: "generate-report")
///     let result = try await loop.run()
public struct GenerationLoop: Sendable {
    /// Analyses the generated set as it stands after a round (`synthetic`, read from `outFile`).
    public typealias AnalyseStep = @Sendable (_ synthetic: Corpus) async throws -> RunResult

    /// The task; with `{propose: N}` dimensions the loop asks the model for their values first.
    public var spec: TaskSpec
    /// What answers the prompts, the proposals and the label checks.
    public var client: any LLMClient
    /// What each round's set is measured with.
    public var analyse: AnalyseStep
    /// Where each round is recorded as a run, with its metric values, figures and gate results.
    public var store: RunStore
    /// The `--until-gate` policy; nil to stop as soon as every class is full.
    public var policy: GatePolicy?
    /// Rounds at most.
    public var rounds: Int
    /// The label check of `--self-check`; nil for the strategy's own.
    public var selfCheck: SelfCheckMode?
    /// The generated JSONL, rewritten after every round.
    public var outFile: String
    /// Each round's report goes to `round-N` here, and the dimensions to `attributes.json`.
    public var reportDirectory: String
    /// The report files written for each round.
    public var formats: [ReportFormat]
    /// The dataset name runs are recorded under.
    public var datasetName: String
    /// The thresholds the re-plan uses.
    public var replan: ReplanPolicy
    /// The tokens spent so far (by the backend behind `client`), for the figures and the summary.
    public var meter: TokenMeter
    /// The response cache's hits and misses, for the summary.
    public var counter: HitCounter

    public init(
        spec: TaskSpec, client: any LLMClient, analyse: @escaping AnalyseStep, store: RunStore,
        policy: GatePolicy? = nil, rounds: Int = 2, selfCheck: SelfCheckMode? = nil, outFile: String,
        reportDirectory: String, formats: [ReportFormat] = ReportFormat.allCases, datasetName: String = "generated",
        replan: ReplanPolicy = ReplanPolicy(), meter: TokenMeter? = nil, counter: HitCounter = HitCounter()
    ) {
        self.spec = spec
        self.client = client
        self.analyse = analyse
        self.store = store
        self.policy = policy
        self.rounds = rounds
        self.selfCheck = selfCheck
        self.outFile = outFile
        self.reportDirectory = reportDirectory
        self.formats = formats
        self.datasetName = datasetName
        self.replan = replan
        self.meter = meter ?? TokenMeter(budget: spec.limits.tokenBudget)
        self.counter = counter
    }

    /// The real analysis: the set compared with `original` (or alone without one), as `compare` does,
    /// recorded as command `generate`.
    public static func comparison(original: Corpus?, options: RunOptions) -> AnalyseStep {
        { synthetic in
            try Comparison.run(original: original, synthetic: synthetic, command: "generate", options: options)
        }
    }

    /// Runs the rounds until the run stops (see `StopReason`), telling `events` what happens as it
    /// happens.
    ///
    /// - Returns: every round, the rows kept and the gate's last status.
    /// - Throws: `AssayError` for a backend that fails (`.runtime`, field `backend`), a file that cannot be
    ///   written or a store that fails.
    /// - Complexity: `rounds` × (the round's requests + one analysis of the set).
    public func run(events: @escaping @Sendable (GenerationEvent) -> Void = { _ in }) async throws
        -> GenerationResult
    {
        var spec = spec
        let jsonMode = JSONMode()
        let proposer = AttributeProposer(client: client, jsonMode: jsonMode)
        let concurrency = spec.limits.concurrency
        if !spec.proposals.isEmpty {
            let unresolved = spec
            spec = try await asking { try await proposer.resolve(unresolved, concurrency: concurrency) }
            events(.proposed(spec.resolvedDimensions, unresolved: unresolved))
        }
        try saveDimensions(spec)

        var result = GenerationResult()
        var steering = Steering.initial(spec)
        var kept: [GeneratedExample] = []
        for round in 1...rounds {
            let plan = GenerationPlan.examples(spec, steering: steering, round: round)
            let generator = Generator(spec: spec, client: client, selfCheck: selfCheck, jsonMode: jsonMode)
            let previous = kept
            let outcome = try await asking { try await generator.run(plan, after: previous) }
            kept += outcome.kept
            let report = try await analyseRound(kept, round: round, events: events)
            if policy != nil { result.status = report.status }
            let runID = try record(report, kept: kept, spec: spec)
            try ReportFiles.write(
                report, formats: formats, to: (reportDirectory as NSString).appendingPathComponent("round-\(round)"),
                catalog: Assessment.catalog)
            var summary = GenerationRound(
                round: round, runID: runID, asked: plan.count, outcome: outcome,
                perClass: spec.classes.map { label in (label.name, kept.filter { $0.label == label.name }.count) },
                target: spec.countPerClass, newRequests: counter.misses, cachedRequests: counter.hits,
                usage: meter.usage, cost: spec.backend.price.map(meter.cost),
                gateStatus: report.gates.isEmpty ? nil : report.status)
            events(.round(summary))
            // Kept with its re-plan (set below) however the iteration ends.
            defer { result.rounds.append(summary) }

            if outcome.budgetSpent {
                events(.budgetSpent(budget: spec.limits.tokenBudget ?? 0, round: round))
                result.stop = .budgetSpent
                break
            }
            if round == rounds {
                result.stop = .lastRound
                break
            }

            // Re-plan. Near-duplicate clusters the analysis found (semantic ones: the lexical near
            // copies never got in) keep their first row; the next round refills what they lose.
            var decision = ReplanDecision()
            decision.dropped = replan.clusteredRows(report.findings)
            if !decision.dropped.isEmpty {
                kept = kept.enumerated().filter { !decision.dropped.contains($0.offset) }.map(\.element)
                events(.droppedClusterRows(decision.dropped.count))
            }
            let classes = spec.classes.map(\.name)
            let gateFails = policy == nil ? nil : report.status == .fail
            let counts = Dictionary(grouping: kept, by: \.label).mapValues(\.count)
            if replan.isDone(kept: counts, classes: classes, countPerClass: spec.countPerClass, gateFails: gateFails) {
                summary.replan = decision
                result.stop = .done
                break
            }
            decision.lowDiversity = replan.lowDiversity(report, classes: classes)
            if !decision.lowDiversity.isEmpty && spec.strategy != .simple {
                let current = spec
                let labels = classes.filter { decision.lowDiversity.contains($0) }
                let widened = try await asking {
                    try await proposer.widen(
                        current, classes: labels, perDimension: 2, round: round, concurrency: concurrency)
                }
                spec = widened.spec
                decision.widened = widened.added
                try saveDimensions(spec)
                if !widened.added.isEmpty { events(.widened(widened.added)) }
            }
            steering = Steering.next(spec, kept: kept, previous: steering, lowDiversity: decision.lowDiversity)
            if steering.wanted.values.allSatisfy({ $0 == 0 }) {
                // Every class is full but the gate fails: a further round adds half a class of examples
                // where diversity is lowest (every class when none stands out), steered by the weights.
                guard policy != nil else {
                    summary.replan = decision
                    result.stop = .done
                    break
                }
                decision.topUp = replan.topUp(
                    classes: classes, lowDiversity: decision.lowDiversity, countPerClass: spec.countPerClass)
                for (label, rows) in decision.topUp { steering.wanted[label] = rows }
            }
            decision.wanted = steering.wanted
            summary.replan = decision
        }
        result.kept = kept
        result.spec = spec
        return result
    }

    /// Writes `kept` to `outFile`, reads it back as the synthetic set and analyses it, with the gate
    /// applied when there is a policy.
    private func analyseRound(
        _ kept: [GeneratedExample], round: Int, events: @Sendable (GenerationEvent) -> Void
    ) async throws -> Report {
        try GeneratedJSONL.write(kept, to: outFile)
        let synthetic = try DatasetLoader.load(path: outFile, fields: GeneratedJSONL.fields)
        let analysed = try await analyse(synthetic)
        events(.analysed(analysed))
        var report = analysed.report
        if let policy { try GateEvaluation.apply(policy, to: &report, baseline: nil) }
        return report
    }

    /// Records the round as a run of `generate`, with the figures the re-plan steers.
    private func record(_ report: Report, kept: [GeneratedExample], spec: TaskSpec) throws -> Int64 {
        let figures = GenerationFigures.values(spec, kept: kept, usage: meter.usage, price: spec.backend.price)
            .map { ReportValue(metric: $0.metric, side: .synthetic, value: $0.value, n: kept.count) }
        return try store.record(
            RunHistory.newRun(report, datasetName: datasetName), metrics: report.values + figures,
            gates: report.gates)
    }

    /// The dimensions of every class, saved as `attributes.json` in the report folder after the LLM
    /// proposed or added values, so a reader sees what the prompts drew from.
    private func saveDimensions(_ spec: TaskSpec) throws {
        try FileManager.default.createDirectory(atPath: reportDirectory, withIntermediateDirectories: true)
        let data = try JSONSerialization.data(
            withJSONObject: spec.resolvedDimensions, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        try AtomicFile.write(
            data + Data("\n".utf8), to: (reportDirectory as NSString).appendingPathComponent("attributes.json"))
    }

    /// `body`'s result, with a failure of the backend as the `AssayError` the command line reports.
    private func asking<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ChatError {
            throw AssayError(.runtime, field: "backend", error.description)
        }
    }
}

/// The generated set as a JSONL file: one object per example, keys sorted.
enum GeneratedJSONL {
    /// How the loop reads its own file back: text, label, no attributes.
    static let fields = FieldOptions(
        textFields: ["text"], labelField: "label", labelFieldIsExplicit: true, attributeFields: [])

    static func write(_ examples: [GeneratedExample], to path: String) throws {
        var text = ""
        for example in examples {
            let data = try JSONSerialization.data(
                withJSONObject: example.jsonObject, options: [.sortedKeys, .withoutEscapingSlashes])
            text += String(decoding: data, as: UTF8.self) + "\n"
        }
        try AtomicFile.write(Data(text.utf8), to: path)
    }
}
