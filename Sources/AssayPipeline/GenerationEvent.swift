import AssayCore
import AssayGenerate
import Foundation

/// What a generation run tells its caller as it goes, for printing.
public enum GenerationEvent: Sendable {
    /// The model proposed the values of the `{propose: N}` dimensions of `unresolved`.
    case proposed([String: [String: [String]]], unresolved: TaskSpec)
    /// A request failed and is tried again (`attempt` 0-based) after `delay` seconds.
    case retry(attempt: Int, failure: ChatError, delay: Double)
    /// A round's set was analysed (before the gate): how its embeddings were obtained.
    case analysed(RunResult)
    /// A round is recorded and its report written.
    case round(GenerationRound)
    /// The token budget is spent: the run stops after `round`.
    case budgetSpent(budget: Int, round: Int)
    /// The re-plan dropped this many rows of near-duplicate clusters.
    case droppedClusterRows(Int)
    /// The model gave low-diversity classes new attribute values (class → dimension → values).
    case widened([String: [String: [String]]])

    /// A warning for stderr rather than a line of progress.
    public var isWarning: Bool {
        switch self {
        case .retry, .budgetSpent: true
        default: false
        }
    }

    /// The event as the command line prints it; nil for `analysed`, whose line depends on the store.
    public var text: String? {
        switch self {
        case .proposed(let dimensions, let unresolved):
            return "proposed attribute values:\n" + Self.describe(dimensions, only: unresolved)
        case .retry(let attempt, let failure, let delay):
            return "request failed (\(failure)); attempt \(attempt + 2) in \(String(format: "%.1f", delay)) s"
        case .analysed:
            return nil
        case .round(let round):
            return Self.summary(round)
        case .budgetSpent(let budget, let round):
            return "the token budget of \(budget) is spent; stopping after round \(round)"
        case .droppedClusterRows(let count):
            return "  re-plan: dropped \(count) row\(count == 1 ? "" : "s") of near-duplicate clusters"
        case .widened(let added):
            return "  re-plan: new attribute values for low-diversity classes:\n" + Self.describe(added)
        }
    }

    /// Three lines (four with a gate): what the round asked, kept and rejected; rows by class; requests,
    /// tokens and cost.
    static func summary(_ round: GenerationRound) -> String {
        let outcome = round.outcome
        let perClass = round.perClass.map { "\($0.label) \($0.count)" }
        let rejected = outcome.rejected.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        var lines = [
            "round \(round.round) (run #\(round.runID)): asked \(round.asked), kept \(outcome.kept.count); rejected \(rejected.isEmpty ? "none" : rejected.joined(separator: ", ")); copies \(outcome.duplicates), near copies \(outcome.nearDuplicates); disputed labels \(outcome.disputed)",
            "  per class: \(perClass.joined(separator: ", ")) (target \(round.target))",
            "  requests \(round.newRequests) new, \(round.cachedRequests) from the cache; tokens \(round.usage.promptTokens) prompt + \(round.usage.completionTokens) completion"
                + (round.cost.map { String(format: "; cost $%.4f", $0) } ?? ""),
        ]
        if let status = round.gateStatus { lines.append("  gate: \(status)") }
        return lines.joined(separator: "\n")
    }

    /// `class · dimension: values` lines, control characters escaped; with `only`, just the dimensions
    /// that spec proposed.
    static func describe(_ dimensions: [String: [String: [String]]], only unresolved: TaskSpec? = nil) -> String {
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
}
