import ArgumentParser
import AssayCore
import AssayGate
import AssayGenerate
import AssayMetrics
import AssayPipeline
import AssayReport
import AssayStore
import Foundation

/// `assay generate`: asks an OpenAI-compatible model for the examples a task spec describes, checks,
/// filters and dedups them, analyses the result and steers the next round.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a labelled dataset with an LLM, analyse it and re-plan, round by round.",
        discussion: """
            Dimensions written {propose: N} get their values from the model first (saved to \
            --report-dir/attributes.json). Each round plans examples per class (attribute values sampled by \
            weight), asks the backend (limits.concurrency at a time, within the spec's per-minute limits; \
            answers cached in the store, so a run started again asks nothing it has), cleans and filters the \
            answers, drops copies and near copies, self-checks labels (targen, or --self-check), writes \
            --out, analyses it (against --original when given), records a run, then re-plans: class \
            deficits filled, near-duplicate clusters the analysis found thinned to one row, under-covered \
            attribute values weighted up, low-diversity classes sampled hotter and given new attribute \
            values by the model. It stops when every class is full (clusters thinned) and the --until-gate policy passes, \
            after --rounds (exit 1 if the gate still fails), or when the token budget is spent.
            """)

    @Option(help: "The task spec: YAML or JSON (task, classes, attributes, strategy, backend …).")
    var spec: String

    @Option(help: "Rounds at most.")
    var rounds: Int = 2

    @Option(
        name: .customLong("until-gate"),
        help:
            "Stop once this policy passes and every class is full; exit 1 if it still fails after --rounds (rules relative to the original need --original)."
    )
    var untilGate: String?

    @Option(help: "The real data to compare each round with.")
    var original: String?

    @Option(name: .customLong("self-check"), help: "flag, drop or relabel examples the model's own check disputes.")
    var selfCheck: String?

    @Option(name: .customLong("out"), help: "The generated JSONL, rewritten after every round.")
    var outFile: String = "generated.jsonl"

    @Option(help: "Answer from this cassette (recorded exchanges) instead of the backend: no network.")
    var replay: String?

    @Option(help: "Also write every exchange of the run to this cassette (JSON) for replaying later.")
    var record: String?

    @Option(name: .customLong("report-dir"), help: "Folder for each round's report.")
    var reportDirectory: String = "generate-report"

    @OptionGroup var fields: FieldArguments
    @OptionGroup var embedding: EmbedderArguments
    @OptionGroup var labels: LabelArguments
    @OptionGroup var duplicates: DuplicateArguments
    @OptionGroup var bias: BiasArguments
    @Option(name: .customLong("format"), help: "Report files per round: any of html, json, md, comma-separated.")
    var format: String = "html,json,md"

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    /// The report settings of `compare`, with the spec's seed: each round's report goes to
    /// `--report-dir/round-N`.
    func output(_ spec: TaskSpec) throws -> OutputArguments {
        try OutputArguments.parse(
            ["--out", reportDirectory, "--format", format, "--seed", String(spec.seed)] + (quiet ? ["--quiet"] : []))
    }

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
        if let selfCheck, SelfCheckMode(rawValue: selfCheck) == nil {
            throw ValidationError("--self-check takes flag, drop or relabel; got '\(selfCheck)'")
        }
    }

    func run() throws {
        var spec = try TaskSpec.load(path: spec)
        let output = try output(spec)
        let policy = try untilGate.map { try GatePolicy.load(path: $0, catalog: MetricCatalog(Assessment.catalog)) }
        let originalCorpus = try original.map { try DatasetLoader.load(path: $0, fields: fields.fieldOptions) }
        let store = try RunStore(path: embedding.storePath)
        let meter = TokenMeter(budget: spec.limits.tokenBudget)
        let counter = HitCounter()
        let backend = try backend(spec, cache: ResponseCache(database: store.database), meter: meter, counter: counter)
        let recorder = record.map { _ in RecordingClient(base: backend) }
        let client = recorder ?? backend
        defer {
            if let record, let recorder { try? writeCassette(recorder.recorded, to: record, spec: spec) }
        }
        let jsonMode = JSONMode()
        let proposer = AttributeProposer(client: client, jsonMode: jsonMode)
        let concurrency = spec.limits.concurrency
        if !spec.proposals.isEmpty {
            let unresolved = spec
            spec = try blocking { try await proposer.resolve(unresolved, concurrency: concurrency) }
            if !quiet {
                Console.print("proposed attribute values:\n" + describe(spec.resolvedDimensions, only: unresolved))
            }
        }
        try saveDimensions(spec)
        let name = ((self.spec as NSString).lastPathComponent as NSString).deletingPathExtension

        let replan = ReplanPolicy()
        var steering = Steering.initial(spec)
        var kept: [GeneratedExample] = []
        var status: RunStatus?
        for round in 1...rounds {
            let plan = GenerationPlan.examples(spec, steering: steering, round: round)
            let generator = Generator(
                spec: spec, client: client, selfCheck: selfCheck.flatMap(SelfCheckMode.init), jsonMode: jsonMode)
            let previous = kept
            let outcome = try blocking { try await generator.run(plan, after: previous) }
            kept += outcome.kept
            try writeJSONL(kept)
            let synthetic = try DatasetLoader.load(
                path: outFile,
                fields: FieldOptions(
                    textFields: ["text"], labelField: "label", labelFieldIsExplicit: true, attributeFields: []))
            var report = try analyze(
                original: originalCorpus, synthetic: synthetic, command: "generate", embedding: embedding,
                labels: labels, duplicates: duplicates, bias: bias, output: output)
            if let policy { try GateEvaluation.apply(policy, to: &report, baseline: nil) }
            status = policy == nil ? nil : report.status
            let figures = GenerationFigures.values(spec, kept: kept, usage: meter.usage, price: spec.backend.price)
                .map { ReportValue(metric: $0.metric, side: .synthetic, value: $0.value, n: kept.count) }
            let runID = try store.record(
                RunHistory.newRun(report, datasetName: name), metrics: report.values + figures, gates: report.gates)
            try ReportFiles.write(
                report, formats: try output.formats,
                to: (reportDirectory as NSString).appendingPathComponent("round-\(round)"), catalog: Assessment.catalog)
            if !quiet {
                Console.print(roundSummary(round, runID, plan.count, outcome, kept, spec, report, meter, counter))
            }
            if outcome.budgetSpent {
                warn("the token budget of \(spec.limits.tokenBudget ?? 0) is spent; stopping after round \(round)")
                break
            }
            if round == rounds { break }

            // Re-plan. Near-duplicate clusters the analysis found (semantic ones: the lexical near
            // copies never got in) keep their first row; the next round refills what they lose.
            let clustered = replan.clusteredRows(report.findings)
            if !clustered.isEmpty {
                kept = kept.enumerated().filter { !clustered.contains($0.offset) }.map(\.element)
                if !quiet {
                    Console.print(
                        "  re-plan: dropped \(clustered.count) row\(clustered.count == 1 ? "" : "s") of near-duplicate clusters"
                    )
                }
            }
            let classes = spec.classes.map(\.name)
            let gateFails = policy == nil ? nil : report.status == .fail
            let counts = Dictionary(grouping: kept, by: \.label).mapValues(\.count)
            if replan.isDone(kept: counts, classes: classes, countPerClass: spec.countPerClass, gateFails: gateFails) {
                break
            }
            let low = replan.lowDiversity(report, classes: classes)
            if !low.isEmpty && spec.strategy != .simple {
                let current = spec
                let labels = spec.classes.map(\.name).filter { low.contains($0) }
                let widened = try blocking {
                    try await proposer.widen(
                        current, classes: labels, perDimension: 2, round: round, concurrency: concurrency)
                }
                spec = widened.spec
                try saveDimensions(spec)
                if !quiet && !widened.added.isEmpty {
                    Console.print(
                        "  re-plan: new attribute values for low-diversity classes:\n" + describe(widened.added))
                }
            }
            steering = Steering.next(spec, kept: kept, previous: steering, lowDiversity: low)
            if steering.wanted.values.allSatisfy({ $0 == 0 }) {
                // Every class is full but the gate fails: a further round adds half a class of examples
                // where diversity is lowest (every class when none stands out), steered by the weights.
                guard policy != nil else { break }
                for (label, rows) in replan.topUp(
                    classes: classes, lowDiversity: low, countPerClass: spec.countPerClass)
                {
                    steering.wanted[label] = rows
                }
            }
        }
        if status == .fail {
            warn("the --until-gate policy still fails after the last round; see \(reportDirectory)")
            throw ExitCode(1)
        }
    }

    /// The client the rounds ask: the cassette with --replay, else the backend behind its rate limits
    /// and the response cache.
    private func backend(_ spec: TaskSpec, cache: ResponseCache, meter: TokenMeter, counter: HitCounter) throws
        -> any LLMClient
    {
        if let replay { return CassetteClient(try loadCassette(replay)) }
        guard let baseURL = URL(string: spec.backend.baseURL) else {
            throw AssayError(.usage, file: self.spec, field: "backend", "base_url is not a URL")
        }
        let apiKey = try spec.backend.apiKey(environment: ProcessInfo.processInfo.environment, specPath: self.spec)
        var client: any LLMClient = OpenAIClient(
            baseURL: baseURL, apiKey: apiKey, timeout: spec.limits.requestTimeout,
            connectTimeout: spec.limits.connectTimeout, maxResponseBytes: spec.limits.maxResponseBytes, meter: meter,
            onRetry: { [quiet] attempt, failure, delay in
                if !quiet {
                    warn("request failed (\(failure)); attempt \(attempt + 2) in \(String(format: "%.1f", delay)) s")
                }
            })
        if spec.limits.requestsPerMinute != nil || spec.limits.tokensPerMinute != nil {
            client = RateLimitedClient(
                base: client,
                limiter: RateLimiter(
                    requestsPerMinute: spec.limits.requestsPerMinute, tokensPerMinute: spec.limits.tokensPerMinute))
        }
        return CachedLLMClient(base: client, cache: cache, endpoint: spec.backend.baseURL, counter: counter)
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

    /// `class · dimension: values` lines, control characters escaped; with `only`, just the dimensions
    /// that spec proposed.
    private func describe(_ dimensions: [String: [String: [String]]], only unresolved: TaskSpec? = nil) -> String {
        var lines: [String] = []
        for (label, byDimension) in dimensions.sorted(by: { $0.key < $1.key }) {
            for (dimension, values) in byDimension.sorted(by: { $0.key < $1.key }) {
                if let unresolved,
                    !unresolved.proposals.contains(where: { $0.dimension == dimension && ($0.label ?? label) == label })
                {
                    continue
                }
                // Values come from the model: escaped like any server text.
                let shown = values.map { TerminalText.safe($0, limit: 200) }.joined(separator: ", ")
                lines.append(
                    "  \(TerminalText.safe(label, limit: 200)) · \(TerminalText.safe(dimension, limit: 200)): \(shown)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private func loadCassette(_ path: String) throws -> Cassette {
        do {
            return try Cassette.load(path: path)
        } catch {
            throw AssayError(.input, file: path, "not a cassette (\(error.localizedDescription))")
        }
    }

    /// The run's exchanges as a cassette, with what produced them (`ASSAY_LLM_*` from scripts/local-llm).
    private func writeCassette(_ exchanges: [Cassette.Exchange], to path: String, spec: TaskSpec) throws {
        var about = ["model": spec.backend.model, "base_url": URLRedaction.redacted(spec.backend.baseURL)]
        let environment = ProcessInfo.processInfo.environment
        for (key, name) in [("packages", "ASSAY_LLM_VERSIONS"), ("model_sha256", "ASSAY_LLM_MODEL_SHA256")] {
            if let value = environment[name], !value.isEmpty { about[key] = value }
        }
        let cassette = Cassette(recordedWith: about, exchanges: exchanges)
        try AtomicFile.write(try cassette.encoded(), to: path)
    }

    /// Classes whose synthetic distinct-2 is below 0.7 of the original's (or 0.5 without an original).
    private func writeJSONL(_ examples: [GeneratedExample]) throws {
        var text = ""
        for example in examples {
            let data = try JSONSerialization.data(
                withJSONObject: example.jsonObject, options: [.sortedKeys, .withoutEscapingSlashes])
            text += String(decoding: data, as: UTF8.self) + "\n"
        }
        try AtomicFile.write(Data(text.utf8), to: outFile)
    }

    private func roundSummary(
        _ round: Int, _ runID: Int64, _ asked: Int, _ outcome: RoundOutcome, _ kept: [GeneratedExample],
        _ spec: TaskSpec, _ report: Report, _ meter: TokenMeter, _ counter: HitCounter
    ) -> String {
        let perClass = spec.classes.map { label in "\(label.name) \(kept.filter { $0.label == label.name }.count)" }
        let rejected = outcome.rejected.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        var lines = [
            "round \(round) (run #\(runID)): asked \(asked), kept \(outcome.kept.count); rejected \(rejected.isEmpty ? "none" : rejected.joined(separator: ", ")); copies \(outcome.duplicates), near copies \(outcome.nearDuplicates); disputed labels \(outcome.disputed)",
            "  per class: \(perClass.joined(separator: ", ")) (target \(spec.countPerClass))",
            "  requests \(counter.misses) new, \(counter.hits) from the cache; tokens \(meter.usage.promptTokens) prompt + \(meter.usage.completionTokens) completion"
                + (spec.backend.price.map { String(format: "; cost $%.4f", meter.cost($0)) } ?? ""),
        ]
        if !report.gates.isEmpty { lines.append("  gate: \(report.status)") }
        return lines.joined(separator: "\n")
    }
}

/// A line on stderr, its control characters escaped.
private func warn(_ message: String) {
    Console.error("assay: \(message)")
}

/// Runs `body` to completion from synchronous code (the command line's `run`).
func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do {
            box.result = .success(try await body())
        } catch {
            box.result = .failure(error)
        }
        done.signal()
    }
    done.wait()
    do {
        return try box.result?.get() ?? { throw AssayError(.runtime, "the generation stopped without a result") }()
    } catch let error as ChatError {
        throw AssayError(.runtime, field: "backend", error.description)
    }
}

/// The result a task leaves for the thread waiting on it.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
