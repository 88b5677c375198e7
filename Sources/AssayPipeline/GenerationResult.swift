import AssayCore
import AssayGenerate

/// What a `GenerationLoop` run did: each round, the rows it kept and why it stopped.
public struct GenerationResult: Sendable {
    /// Every round run, in order.
    public var rounds: [GenerationRound] = []
    /// The rows of the generated JSONL, as last written (after the last round).
    public var kept: [GeneratedExample] = []
    /// The spec as the run left it: proposed and added attribute values resolved.
    public var spec: TaskSpec?
    /// The last round's gate status (`pass`, `warn` or `fail`); nil without a policy.
    public var status: RunStatus?
    /// Why the run stopped.
    public var stop: StopReason = .lastRound

    /// Whether the `--until-gate` policy still fails after the last round.
    public var gateFails: Bool { status == .fail }
}

/// Why a generation run stopped.
public enum StopReason: Sendable, Equatable {
    /// Every class is full (near-duplicate clusters thinned) and the gate, if any, does not fail.
    case done
    /// The rounds ran out.
    case lastRound
    /// The token budget is spent.
    case budgetSpent
}

/// One round: what was asked and kept, the run it was recorded as, and the re-plan that followed.
public struct GenerationRound: Sendable {
    /// 1-based.
    public var round: Int
    /// The run the round was recorded as in the store.
    public var runID: Int64
    /// Examples the round's plan asked for.
    public var asked: Int
    /// What the round kept, rejected and dropped.
    public var outcome: RoundOutcome
    /// Rows kept so far by class, in the spec's class order (before the re-plan drops any).
    public var perClass: [(label: String, count: Int)]
    /// `count_per_class`.
    public var target: Int
    /// Requests the response cache did not and did answer, over the run so far.
    public var newRequests: Int
    public var cachedRequests: Int
    /// Tokens spent over the run so far.
    public var usage: TokenUsage
    /// Their cost at the spec's price; nil without one.
    public var cost: Double?
    /// The report's gate status; nil when no rule ran.
    public var gateStatus: RunStatus?
    /// How the next round was steered; nil when the run stopped before re-planning.
    public var replan: ReplanDecision?
}

/// How the loop steered the round after one, by `ReplanPolicy`.
public struct ReplanDecision: Sendable, Equatable {
    /// 0-based rows of the generated set dropped as later members of near-duplicate clusters.
    public var dropped: Set<Int> = []
    /// Classes whose distinct-2 is low: sampled hotter, and given new attribute values by the model.
    public var lowDiversity: Set<String> = []
    /// The attribute values the model added (class → dimension → values).
    public var widened: [String: [String: [String]]] = [:]
    /// What a top-up round asks by class, when every class is full but the gate fails.
    public var topUp: [String: Int] = [:]
    /// Examples the next round asks for, by class; empty when the run stopped instead.
    public var wanted: [String: Int] = [:]
}
