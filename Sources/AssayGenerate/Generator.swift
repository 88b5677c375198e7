import AssayCore
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
    /// Examples whose label the self-check did not confirm.
    public var disputed = 0
    public var requests = 0
}

/// Generates the examples of a plan: prompt → answer → clean and filter → self-check → dedup.
public struct Generator: Sendable {
    public let spec: TaskSpec
    public let client: any LLMClient
    public let selfCheck: SelfCheckMode?

    /// - Parameter selfCheck: nil to skip the self-check (the `targen` strategy always runs it, with
    ///   `flag` when not given).
    public init(spec: TaskSpec, client: any LLMClient, selfCheck: SelfCheckMode?) {
        self.spec = spec
        self.client = client
        self.selfCheck = selfCheck ?? (spec.strategy == .targen ? .flag : nil)
    }

    /// The request for one planned example.
    public func request(for example: PlannedExample) -> ChatRequest {
        let description = spec.classes.first { $0.name == example.label }?.description
        var prompt = "You write training data for this task: \(spec.task)\n"
        prompt += "Write one example of the class \"\(example.label)\""
        if let description { prompt += " (\(description))" }
        prompt += "."
        let attributes = example.attributes.sorted { $0.key < $1.key }
        if !attributes.isEmpty {
            prompt += " It must have these attributes: "
            prompt += attributes.map { "\($0.key): \($0.value)" }.joined(separator: "; ") + "."
        }
        prompt += " Answer with the example's text only."
        return ChatRequest(
            model: spec.backend.model, messages: [.user(prompt)], temperature: example.temperature,
            maxTokens: spec.maxTokens,
            seed: StableHash.string("\(spec.seed)/\(example.round)/\(example.label)/\(example.index)"))
    }

    /// The self-check request for `text` (TarGEN's self-correction step).
    public func checkRequest(for text: String) -> ChatRequest {
        let classes = spec.classes.map(\.name).joined(separator: ", ")
        let prompt =
            "Task: \(spec.task)\nWhich one of these classes fits the text best: \(classes)?\nText: \(text)\nAnswer with the class name only."
        return ChatRequest(
            model: spec.backend.model, messages: [.user(prompt)], temperature: 0, maxTokens: 10, seed: 0)
    }

    /// Runs `plan`, keeping what passes and is not a copy of `earlier` or of itself.
    public func run(_ plan: [PlannedExample], after earlier: [GeneratedExample]) async throws -> RoundOutcome {
        var outcome = RoundOutcome()
        var seen = Set(earlier.map { TextNormalization.normalized($0.text) })
        let classes = spec.classes.map(\.name)
        for example in plan {
            let request = request(for: example)
            let answer = try await client.complete(request)
            outcome.requests += 1
            let text = ExampleFilter.clean(answer.content)
            if let rejection = ExampleFilter.rejection(text) {
                outcome.rejected[rejection.rawValue, default: 0] += 1
                continue
            }
            guard seen.insert(TextNormalization.normalized(text)).inserted else {
                outcome.duplicates += 1
                continue
            }
            var generated = GeneratedExample(
                text: text, label: example.label, attributes: example.attributes, round: example.round,
                model: spec.backend.model,
                promptSHA256: try request.cacheKey(baseURL: ""), selfCheck: nil)
            if let selfCheck {
                let verdict = try await client.complete(checkRequest(for: text))
                outcome.requests += 1
                let named = ExampleFilter.namedClass(in: verdict.content, classes: classes)
                generated.selfCheck = named
                if named != example.label {
                    outcome.disputed += 1
                    switch selfCheck {
                    case .flag: break
                    case .drop: continue
                    case .relabel: generated.label = named ?? example.label
                    }
                }
            }
            outcome.kept.append(generated)
        }
        return outcome
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
    /// class's examples over the largest's; `generate.examples`: examples kept.
    public static func values(_ spec: TaskSpec, kept: [GeneratedExample]) -> [(metric: String, value: Double)] {
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
        var values: [(String, Double)] = [("generate.examples", Double(kept.count))]
        if !shares.isEmpty {
            values.append(("generate.attribute_coverage", shares.reduce(0, +) / Double(shares.count)))
        }
        if let largest = counts.max(), largest > 0 {
            values.append(("generate.class_balance", Double(counts.min() ?? 0) / Double(largest)))
        }
        return values
    }
}
