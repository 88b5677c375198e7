import AssayCore
import AssayReport
import AssayText
import Foundation

/// What the turns of chat and instruction examples look like: how many there are, how long the
/// response runs against its prompt, and how often a turn is empty, a response is missing or a
/// response repeats its prompt. Reports nothing for plain texts.
public struct ShapeStatistics: Analyzer {
    public init() {}

    public var descriptors: [MetricDescriptor] {
        [
            Self.turnsPerExample, Self.responsePromptRatio, Self.emptyTurnRate, Self.missingResponseRate,
            Self.promptEchoRate,
        ]
    }

    static let turnsPerExample = MetricDescriptor(
        id: "shape.turns_per_example", family: "shape", title: "Turns per example", better: .neither,
        formula:
            "mean over rows of the number of turns (messages or conversation entries; instruction, non-empty input and output for instruction data)",
        source: "count", interval: .wald)
    static let responsePromptRatio = MetricDescriptor(
        id: "shape.response_prompt_ratio", family: "shape", title: "Response-to-prompt length", better: .neither,
        formula:
            "median over rows with a non-empty prompt of (word tokens of the response part) / (word tokens of the prompt part)",
        source: "length ratio; median for its heavy right tail", interval: .orderStatistic)
    static let emptyTurnRate = MetricDescriptor(
        id: "shape.empty_turn_rate", family: "shape", title: "Empty turns", better: .lower,
        formula: "turns whose content is empty, null or only whitespace / all turns",
        source: "count", interval: .wilson,
        caveat: "turns of one conversation are counted as independent trials in the interval")
    static let missingResponseRate = MetricDescriptor(
        id: "shape.missing_response_rate", family: "shape", title: "Rows without a response", better: .lower,
        formula: "rows whose response part (assistant turns, output) has no text / rows",
        source: "count", interval: .wilson)
    static let promptEchoRate = MetricDescriptor(
        id: "shape.prompt_echo_rate", family: "shape", title: "Responses repeating their prompt", better: .lower,
        formula:
            "rows whose normalised response contains their normalised last prompt turn (the last user turn; the instruction and input) in full / rows where both have text",
        source: "count; normalisation as for near duplicates (NFKC, lowercase, no punctuation)", interval: .wilson)

    public func analyze(_ context: AnalysisContext) throws -> AnalyzerOutput {
        var output = AnalyzerOutput()
        var measured: [Side: SideMeasures] = [:]
        for side in context.sides {
            guard let corpus = context.corpus(side), let shape = corpus.shape else { continue }
            measured[side] = SideMeasures(corpus: corpus, shape: shape)
        }
        guard !measured.isEmpty else { return output }
        func metric(_ descriptor: MetricDescriptor, _ value: (SideMeasures) -> SideValue) -> MetricResult {
            MetricResult(
                descriptor, original: measured[.original].map(value), synthetic: measured[.synthetic].map(value),
                byClass: nil)
        }
        output.metrics = [
            metric(Self.turnsPerExample) { $0.turnsPerExample },
            metric(Self.responsePromptRatio) { $0.responsePromptRatio },
            metric(Self.emptyTurnRate) { Self.rate($0.emptyTurns, of: $0.turns, noun: "turns") },
            metric(Self.missingResponseRate) { Self.rate($0.summary.rowsWithoutResponse, of: $0.rows, noun: "rows") },
            metric(Self.promptEchoRate) { Self.rate($0.summary.promptEchoes, of: $0.echoCandidates, noun: "rows") },
        ]
        let judged = (context.original ?? context.synthetic)?.part ?? .response
        output.shape = ShapeSummary(
            judgedPart: judged, original: measured[.original]?.summary, synthetic: measured[.synthetic]?.summary)
        return output
    }

    /// The standard normal's 97.5% quantile: every interval of the family is a 95% interval.
    static let z = Evidence.z

    /// `count` of `total` with its Wilson score interval (Wilson 1927); null with a note when `total`
    /// is 0.
    static func rate(_ count: Int, of total: Int, noun: String) -> SideValue {
        guard let rate = Evidence.wilson(count, of: total) else {
            return SideValue(value: nil, n: 0, note: "no \(noun) to count")
        }
        return SideValue(value: rate.value, ci: [rate.low, rate.high], interval: .wilson, n: total)
    }

    /// The median of `values` with the distribution-free interval between the order statistics of
    /// 1-based ranks ⌊n/2 − 1.96·√n/2⌋ and ⌈1 + n/2 + 1.96·√n/2⌉ (Conover 1999, §3.2; the sample's
    /// extremes when n is small).
    static func median(_ values: [Double]) -> SideValue {
        guard !values.isEmpty else { return SideValue(value: nil, n: 0, note: "no row has a non-empty prompt") }
        let sorted = values.sorted()
        let n = Double(sorted.count)
        let half = Self.z * n.squareRoot() / 2
        let lower = max(0, Int((n / 2 - half).rounded(.down)) - 1)
        let upper = min(sorted.count - 1, Int((n / 2 + half).rounded(.up)))
        return SideValue(
            value: Sampling.quantile(sorted, 0.5), ci: [sorted[lower], sorted[upper]], interval: .orderStatistic,
            n: sorted.count)
    }
}

/// The counts of one side's shaped examples.
private struct SideMeasures {
    let rows: Int
    let turns: Int
    let emptyTurns: Int
    let echoCandidates: Int
    let turnsPerExample: SideValue
    let responsePromptRatio: SideValue
    let summary: ShapeSideSummary

    init(corpus: Corpus, shape: ShapedColumns) {
        rows = corpus.count
        let turnCounts = shape.turns.map(Int.init)
        turns = turnCounts.reduce(0, +)
        emptyTurns = shape.emptyTurns.reduce(0) { $0 + Int($1) }
        let mean = Double(turns) / Double(rows)
        let variance =
            rows > 1 ? turnCounts.reduce(0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(rows - 1) : 0
        let margin = ShapeStatistics.z * (variance / Double(rows)).squareRoot()
        turnsPerExample = SideValue(value: mean, ci: [mean - margin, mean + margin], interval: .wald, n: rows)

        let promptWords = Self.wordCounts(shape.prompts)
        let responseWords = Self.wordCounts(shape.responses)
        let ratios = zip(promptWords, responseWords).compactMap { prompt, response in
            prompt > 0 ? Double(response) / Double(prompt) : nil
        }
        responsePromptRatio = ShapeStatistics.median(ratios)

        var echoes = 0
        var candidates = 0
        for row in 0..<rows {
            let prompt = TextNormalization.normalized(shape.lastPrompts[row])
            let response = TextNormalization.normalized(shape.responses[row])
            guard !prompt.isEmpty, !response.isEmpty else { continue }
            candidates += 1
            // Whole words only: the prompt "art" is not echoed by "a start".
            if " \(response) ".contains(" \(prompt) ") { echoes += 1 }
        }
        echoCandidates = candidates

        var histogram: [String: Int] = [:]
        for count in turnCounts { histogram[count >= 8 ? "8+" : String(count), default: 0] += 1 }
        var roles: [String: Int] = [:]
        for role in TurnRole.allCases {
            roles[role.rawValue] = (0..<rows).filter { shape.has(role, row: $0) }.count
        }
        summary = ShapeSideSummary(
            shape: shape.layout.shape, layout: shape.layout, rows: rows, turns: turns, turnCounts: histogram,
            rolesPresent: roles, emptyTurns: emptyTurns, rowsWithoutPrompt: shape.prompts.filter(\.isEmpty).count,
            rowsWithoutResponse: shape.responses.filter(\.isEmpty).count,
            promptEchoes: echoes)
    }

    /// The word tokens of each of `texts`.
    private static func wordCounts(_ texts: [String]) -> [Int] {
        let stream = TokenStream(texts: texts)
        return texts.indices.map { stream.tokenRange(of: $0).count }
    }
}
