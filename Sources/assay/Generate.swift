import ArgumentParser
import AssayGenerate
import AssayMetrics
import AssayPipeline
import AssayReport

/// `assay generate`: asks an OpenAI-compatible model for the examples a task spec describes, checks,
/// filters and dedups them, analyses the result and steers the next round.
struct Generate: AsyncParsableCommand {
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

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
        if let selfCheck, SelfCheckMode(rawValue: selfCheck) == nil {
            throw ValidationError("--self-check takes flag, drop or relabel; got '\(selfCheck)'")
        }
        guard ReportFormat.list(format) != nil else {
            throw ValidationError("--format takes html, json and md, comma-separated; got '\(format)'")
        }
    }

    func run() async throws {
        let options = GenerationOptions(
            specPath: spec, rounds: rounds, gatePolicyPath: untilGate, originalPath: original,
            selfCheck: selfCheck.flatMap(SelfCheckMode.init), outFile: outFile, replayPath: replay, recordPath: record,
            reportDirectory: reportDirectory, formats: ReportFormat.list(format) ?? [],
            analysis: try runOptions(
                fields: fields.fieldOptions, embedding: embedding, labels: labels, duplicates: duplicates, bias: bias,
                settings: AnalysisSettings(), quiet: quiet))
        let result = try await GenerationLoop.run(options) { [quiet, embedding] event in
            switch event {
            case .analysed(let analysed):
                if !quiet { printEmbeddings(analysed, store: embedding.storePath) }
            case .budgetSpent:
                warn(event.text ?? "")
            default:
                guard !quiet, let text = event.text else { return }
                if event.isWarning { warn(text) } else { Console.print(text) }
            }
        }
        if result.gateFails {
            warn("the --until-gate policy still fails after the last round; see \(reportDirectory)")
            throw ExitCode(1)
        }
    }
}

/// A line on stderr, its control characters escaped.
private func warn(_ message: String) {
    Console.error("assay: \(message)")
}
