import AssayCore
import AssayText
import Crypto
import Foundation

/// One generated example with its provenance.
public struct GeneratedExample: Sendable, Equatable {
    public var text: String
    public var label: String
    public var attributes: [String: String]
    public var round: Int
    public var model: String
    /// SHA-256 of the generation request, hex: the prompt that produced the text.
    public var promptSHA256: String
    /// The class the self-check named, when it ran.
    public var selfCheck: String?

    /// The JSONL object: `text`, `label`, each attribute, `round`, `model`, `prompt_sha256`,
    /// `self_check`.
    public var jsonObject: [String: Any] {
        var object: [String: Any] = [
            "text": text, "label": label, "round": round, "model": model, "prompt_sha256": promptSHA256,
        ]
        for (name, value) in attributes { object[name] = value }
        if let selfCheck { object["self_check"] = selfCheck }
        return object
    }
}

/// What the self-check does with an example whose label the model does not confirm.
public enum SelfCheckMode: String, Sendable, CaseIterable {
    /// Keep it, with the model's class in `self_check`.
    case flag
    /// Leave it out.
    case drop
    /// Give it the model's class.
    case relabel
}

/// What one round produced and threw away.
public struct RoundOutcome: Sendable, Equatable {
    public var kept: [GeneratedExample] = []
    /// Answers rejected by the filters, by reason (`empty`, `refusal`, `too_short`, `too_long`).
    public var rejected: [String: Int] = [:]
    /// Answers dropped as copies of an earlier example (after normalisation).
    public var duplicates = 0
    /// Answers dropped as near copies of an earlier example (Jaccard of normalised character 5-grams ≥ 0.8).
    public var nearDuplicates = 0
    /// Examples whose label the self-check did not confirm.
    public var disputed = 0
    /// Requests sent (answered from the backend or the cache).
    public var requests = 0
    /// True when the token budget ran out during the round: it kept what was answered and checked.
    public var budgetSpent = false
}

/// Generates the examples of a plan: prompt → answer → clean and filter → exact and near dedup →
/// self-check. Requests run `limits.concurrency` at a time; the answers are used in plan order, so
/// the result does not depend on which request finished first.
public struct Generator: Sendable {
    public let spec: TaskSpec
    public let client: any LLMClient
    public let selfCheck: SelfCheckMode?
    public let jsonMode: JSONMode
    /// What makes two answers near copies.
    public var nearCopies = MinHashOptions(threshold: 0.8)

    /// - Parameter selfCheck: nil to skip the self-check (the `targen` strategy always runs it, with
    ///   `flag` when not given).
    public init(spec: TaskSpec, client: any LLMClient, selfCheck: SelfCheckMode?, jsonMode: JSONMode = JSONMode()) {
        self.spec = spec
        self.client = client
        self.selfCheck = selfCheck ?? (spec.strategy == .targen ? .flag : nil)
        self.jsonMode = jsonMode
    }

    /// The request for one planned example: the `generate` template, seeded by (seed, round, class, index).
    public func request(for example: PlannedExample) -> ChatRequest {
        let attributes = example.attributes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        let prompt = Prompts.render(
            spec.prompts.generate,
            [
                "task": spec.task, "class": example.label,
                "description": spec.classes.first { $0.name == example.label }?.description ?? "",
                "attributes": attributes.joined(separator: "; "),
            ])
        return ChatRequest(
            model: spec.backend.model, messages: [.user(prompt)], temperature: example.temperature,
            maxTokens: spec.maxTokens,
            seed: StableHash.string("\(spec.seed)/\(example.round)/\(example.label)/\(example.index)"))
    }

    /// The self-check request for `text` (TarGEN's self-correction step), at temperature 0, asking for
    /// `{"label": one of the classes}`.
    public func checkRequest(for text: String) -> ChatRequest {
        let prompt = Prompts.render(
            spec.prompts.selfCheck,
            ["task": spec.task, "classes": spec.classes.map(\.name).joined(separator: ", "), "text": text])
        let classes = JSONValue.array(spec.classes.map { .string($0.name) })
        return ChatRequest(
            model: spec.backend.model, messages: [.user(prompt)], temperature: 0, maxTokens: 20, seed: 0,
            responseFormat: .jsonObject(schema: .objectSchema(["label": .object(["type": "string", "enum": classes])])))
    }

    /// Runs `plan`, keeping what passes and is not a copy or near copy of `earlier` or of itself.
    public func run(_ plan: [PlannedExample], after earlier: [GeneratedExample]) async throws -> RoundOutcome {
        var outcome = RoundOutcome()
        let requests = plan.map(request(for:))
        let answers = try await client.complete(all: requests, concurrency: spec.limits.concurrency)
        outcome.requests += answers.compactMap { $0 }.count
        outcome.budgetSpent = answers.contains { $0 == nil }

        var seen = Set(earlier.map { TextNormalization.normalized($0.text) })
        var candidates: [GeneratedExample] = []
        for (index, answer) in answers.enumerated() {
            guard let answer else { continue }
            let text = ExampleFilter.clean(answer.content)
            if let rejection = ExampleFilter.rejection(text) {
                outcome.rejected[rejection.rawValue, default: 0] += 1
                continue
            }
            guard seen.insert(TextNormalization.normalized(text)).inserted else {
                outcome.duplicates += 1
                continue
            }
            let example = plan[index]
            candidates.append(
                GeneratedExample(
                    text: text, label: example.label, attributes: example.attributes, round: example.round,
                    model: spec.backend.model, promptSHA256: try requests[index].cacheKey(baseURL: ""),
                    selfCheck: nil))
        }
        let nearCopies = nearCopies(of: candidates, after: earlier)
        outcome.nearDuplicates = nearCopies.count
        candidates = candidates.enumerated().filter { !nearCopies.contains($0.offset) }.map(\.element)

        guard let selfCheck else {
            outcome.kept = candidates
            return outcome
        }
        let verdicts = try await jsonMode.complete(
            all: candidates.map { checkRequest(for: $0.text) }, client: client, concurrency: spec.limits.concurrency)
        outcome.requests += verdicts.compactMap { $0 }.count
        if verdicts.contains(where: { $0 == nil }) { outcome.budgetSpent = true }
        let classes = spec.classes.map(\.name)
        for (var example, verdict) in zip(candidates, verdicts) {
            // An example the budget left unchecked is not kept: its answer is cached for the next run.
            guard let verdict else { continue }
            let named = ExampleFilter.checkedLabel(in: verdict.content, classes: classes)
            example.selfCheck = named
            if named != example.label {
                outcome.disputed += 1
                switch selfCheck {
                case .flag: break
                case .drop: continue
                case .relabel: example.label = named ?? example.label
                }
            }
            outcome.kept.append(example)
        }
        return outcome
    }

    /// The positions of `candidates` that are near copies of an earlier example or of a candidate
    /// before them that stays.
    func nearCopies(of candidates: [GeneratedExample], after earlier: [GeneratedExample]) -> Set<Int> {
        guard !candidates.isEmpty else { return [] }
        let texts = (earlier + candidates).map { TextNormalization.normalized($0.text) }
        var partners: [Int: [Int]] = [:]
        for pair in NearDuplicates.within(texts, options: nearCopies) { partners[pair.b, default: []].append(pair.a) }
        var dropped: Set<Int> = []
        for position in candidates.indices {
            let row = earlier.count + position
            let earlierPartner = partners[row]?.contains { $0 < earlier.count || !dropped.contains($0 - earlier.count) }
            if earlierPartner == true { dropped.insert(position) }
        }
        return dropped
    }
}

extension Steering {
    /// The steering of the round after one that left `kept` (every example so far): each class asks
    /// for what it lacks of `count_per_class`; a value of a dimension is weighted 1 / (1 + the class's
    /// examples that have it), so under-covered values are drawn more; a class whose distinct-2 is
    /// low (`lowDiversity`) samples 0.2 hotter, up to 1.5.
    public static func next(
        _ spec: TaskSpec, kept: [GeneratedExample], previous: Steering, lowDiversity: Set<String> = []
    ) -> Steering {
        var wanted: [String: Int] = [:]
        var weights: [String: [String: [String: Double]]] = [:]
        var temperature = previous.temperature
        for classSpec in spec.classes {
            let label = classSpec.name
            let examples = kept.filter { $0.label == label }
            wanted[label] = max(0, spec.countPerClass - examples.count)
            for dimension in spec.dimensions(of: label) {
                for value in dimension.values {
                    let count = examples.filter { $0.attributes[dimension.name] == value }.count
                    weights[label, default: [:]][dimension.name, default: [:]][value] = 1 / Double(1 + count)
                }
            }
            if lowDiversity.contains(label) {
                temperature[label] = min(1.5, (previous.temperature[label] ?? spec.temperature) + 0.2)
            }
        }
        return Steering(wanted: wanted, weights: weights, temperature: temperature)
    }
}

/// Figures of the generated set that the re-plan steers, recorded with each round's run so that
/// `assay history --metric generate.…` shows whether a round improved them.
public enum GenerationFigures {
    /// `generate.attribute_coverage`: the mean, over classes and their dimensions, of the share of a
    /// dimension's values that some example of the class has; `generate.class_balance`: the smallest
    /// class's examples over the largest's; `generate.examples`: examples kept; `generate.tokens`:
    /// tokens the run has spent (prompt and completion, the cache's answers free) and, with a price,
    /// `generate.cost_usd`.
    public static func values(
        _ spec: TaskSpec, kept: [GeneratedExample], usage: TokenUsage? = nil, price: TaskSpec.Price? = nil
    ) -> [(metric: MetricID, value: Double)] {
        var shares: [Double] = []
        var counts: [Int] = []
        for classSpec in spec.classes {
            let examples = kept.filter { $0.label == classSpec.name }
            counts.append(examples.count)
            for dimension in spec.dimensions(of: classSpec.name) {
                let used = Set(examples.compactMap { $0.attributes[dimension.name] })
                shares.append(Double(used.count) / Double(dimension.values.count))
            }
        }
        var values: [(MetricID, Double)] = [("generate.examples", Double(kept.count))]
        if !shares.isEmpty {
            values.append(("generate.attribute_coverage", shares.reduce(0, +) / Double(shares.count)))
        }
        if let largest = counts.max(), largest > 0 {
            values.append(("generate.class_balance", Double(counts.min() ?? 0) / Double(largest)))
        }
        if let usage {
            values.append(("generate.tokens", Double(usage.promptTokens + usage.completionTokens)))
            if let price { values.append(("generate.cost_usd", usage.cost(price))) }
        }
        return values
    }
}
