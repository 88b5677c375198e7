import AssayCore
import AssayGenerate
import AssayReport
import Foundation

/// Everything that shapes an `assay generate` run: the files it reads and writes, its rounds and
/// stop rule, and the options of each round's analysis.
///
/// The `generate` command fills one of these from its options; a library user builds it directly and
/// calls `GenerationLoop.run(_:events:)`.
public struct GenerationOptions: Sendable {
    /// The task spec: YAML or JSON.
    public var specPath: String
    /// Rounds at most.
    public var rounds: Int
    /// The `--until-gate` policy file; nil to stop once every class is full.
    public var gatePolicyPath: String?
    /// The real data each round is compared with, read with `analysis.fields`; nil to analyse the set alone.
    public var originalPath: String?
    /// The label check of `--self-check`; nil for the strategy's own.
    public var selfCheck: SelfCheckMode?
    /// The generated JSONL, rewritten after every round.
    public var outFile: String
    /// A cassette to answer from instead of the backend.
    public var replayPath: String?
    /// A cassette to write every exchange of the run to.
    public var recordPath: String?
    /// Each round's report goes to `round-N` here.
    public var reportDirectory: String
    /// The report files written for each round.
    public var formats: [ReportFormat]
    /// Fields of the original, the embedder and its store (also the runs' and the answers' store), the
    /// analysis settings; the seed is the spec's.
    public var analysis: RunOptions
    /// The thresholds of the re-plan.
    public var replan: ReplanPolicy

    public init(
        specPath: String, rounds: Int = 2, gatePolicyPath: String? = nil, originalPath: String? = nil,
        selfCheck: SelfCheckMode? = nil, outFile: String = "generated.jsonl", replayPath: String? = nil,
        recordPath: String? = nil, reportDirectory: String = "generate-report",
        formats: [ReportFormat] = [.html, .json, .md], analysis: RunOptions = RunOptions(),
        replan: ReplanPolicy = ReplanPolicy()
    ) {
        self.specPath = specPath
        self.rounds = rounds
        self.gatePolicyPath = gatePolicyPath
        self.originalPath = originalPath
        self.selfCheck = selfCheck
        self.outFile = outFile
        self.replayPath = replayPath
        self.recordPath = recordPath
        self.reportDirectory = reportDirectory
        self.formats = formats
        self.analysis = analysis
        self.replan = replan
    }

    /// The name runs are recorded under: the spec's file name without its extension.
    public var datasetName: String {
        ((specPath as NSString).lastPathComponent as NSString).deletingPathExtension
    }
}
