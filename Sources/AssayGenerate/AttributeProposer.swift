import AssayCore
import Foundation

/// Asks the LLM for attribute values: AttrPrompt's first step for the dimensions a spec writes
/// `{propose: N}`, and new values for a class whose examples are not diverse enough.
public struct AttributeProposer: Sendable {
    public let client: any LLMClient
    public let jsonMode: JSONMode

    public init(client: any LLMClient, jsonMode: JSONMode) {
        self.client = client
        self.jsonMode = jsonMode
    }

    /// The request for `count` new values of `dimension` of `label` (every class when nil), seeded by
    /// the spec's seed, the round and the dimension, asking for `{"values": [count strings]}`.
    public static func request(
        _ spec: TaskSpec, dimension: String, of label: String?, count: Int, round: Int
    ) -> ChatRequest {
        let prompt = Prompts.render(
            spec.prompts.propose,
            [
                "task": spec.task, "classes": spec.classes.map(\.name).joined(separator: ", "), "class": label ?? "",
                "description": label.flatMap { name in spec.classes.first { $0.name == name }?.description } ?? "",
                "dimension": dimension, "count": String(count),
                "existing": spec.values(of: dimension, for: label).joined(separator: ", "),
            ])
        return ChatRequest(
            model: spec.backend.model, messages: [.user(prompt)], temperature: spec.temperature,
            maxTokens: 16 * count + 32,
            seed: StableHash.string("\(spec.seed)/propose/\(round)/\(label ?? "*")/\(dimension)"),
            responseFormat: .jsonObject(
                schema: .objectSchema([
                    "values": .object([
                        "type": "array", "minItems": .integer(Int64(count)), "maxItems": .integer(Int64(count)),
                        "items": .object(["type": "string", "minLength": 1, "maxLength": 40]),
                    ])
                ])))
    }

    /// The values in an answer: the strings of its JSON object's `values` (or of its only list), else
    /// one a line with bullets and numbering removed (a single line is split at commas); each trimmed
    /// of quotes and end punctuation, 1–60 characters and at most five words, the first `count`
    /// distinct ones (case aside), without brackets and not one of `echoes` (lowercased: the class and
    /// dimension names, which small models repeat). A refusal has none.
    public static func values(in answer: String, count: Int, echoes: Set<String> = []) -> [String] {
        if ExampleFilter.rejection(answer, minCharacters: 0) == .refusal { return [] }
        var raw: [String]
        if let object = JSONAnswer.lastObject(in: answer) {
            let list = object["values"] ?? (object.count == 1 ? object.values.first : nil)
            raw = (list as? [Any])?.compactMap { $0 as? String } ?? []
        } else {
            raw = answer.split(whereSeparator: \.isNewline).map {
                String($0).replacing(/^\s*(?:[-*•]|\d+[.)])\s*/, with: "")
            }
            if raw.count == 1 { raw = raw[0].split(separator: ",").map(String.init) }
        }
        var seen: Set<String> = []
        var values: [String] = []
        for text in raw {
            let value = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'“”‘’.,;:"))
            guard (1...60).contains(value.count), value.split(separator: " ").count <= 5,
                !value.contains(where: { "<>{}[]".contains($0) }), !echoes.contains(value.lowercased()),
                seen.insert(value.lowercased()).inserted
            else { continue }
            values.append(value)
            if values.count == count { break }
        }
        return values
    }

    /// The names a proposed value must not be: the classes' and the dimension's, lowercased.
    static func echoes(_ spec: TaskSpec, dimension: String) -> Set<String> {
        Set(spec.classes.map { $0.name.lowercased() } + [dimension.lowercased()])
    }

    /// `spec` with every `{propose: N}` dimension filled by the LLM and `proposals` emptied.
    ///
    /// - Throws: `AssayError` (`.runtime`) naming the dimension when an answer has no usable value.
    public func resolve(_ spec: TaskSpec, concurrency: Int) async throws -> TaskSpec {
        var resolved = spec
        let requests = spec.proposals.map {
            Self.request(spec, dimension: $0.dimension, of: $0.label, count: $0.count, round: 0)
        }
        let answers = try await jsonMode.complete(all: requests, client: client, concurrency: concurrency)
        for (proposal, answer) in zip(spec.proposals, answers) {
            let scope = proposal.label.map { "class \($0)" } ?? "every class"
            guard let answer else {
                throw AssayError(
                    .runtime, field: "limits.token_budget",
                    "the token budget was spent before the values of \(proposal.dimension) (\(scope)) were proposed")
            }
            let values = Self.values(
                in: answer.content, count: proposal.count, echoes: Self.echoes(spec, dimension: proposal.dimension))
            guard !values.isEmpty else {
                throw AssayError(
                    .runtime, field: "attributes",
                    "the model proposed no usable value for \(proposal.dimension) (\(scope)): "
                        + "\"\(TerminalText.safe(answer.content, limit: 120))\"; list the values in the spec instead")
            }
            resolved.add(values, to: proposal.dimension, of: proposal.label)
        }
        resolved.proposals = []
        return resolved
    }

    /// `spec` with `perDimension` more values proposed for each dimension of each class in `labels`,
    /// and the values added (class → dimension → values). An answer without a new value adds none.
    public func widen(_ spec: TaskSpec, classes labels: [String], perDimension: Int, round: Int, concurrency: Int)
        async throws -> (spec: TaskSpec, added: [String: [String: [String]]])
    {
        let targets = labels.flatMap { label in spec.dimensions(of: label).map { (label, $0.name) } }
        let requests = targets.map {
            Self.request(spec, dimension: $0.1, of: $0.0, count: perDimension, round: round)
        }
        let answers = try await jsonMode.complete(all: requests, client: client, concurrency: concurrency)
        var widened = spec
        var added: [String: [String: [String]]] = [:]
        for ((label, dimension), answer) in zip(targets, answers) {
            guard let answer else { continue }
            let before = Set(widened.values(of: dimension, for: label))
            widened.add(
                Self.values(in: answer.content, count: perDimension, echoes: Self.echoes(spec, dimension: dimension)),
                to: dimension, of: label)
            let fresh = widened.values(of: dimension, for: label).filter { !before.contains($0) }
            if !fresh.isEmpty { added[label, default: [:]][dimension] = fresh }
        }
        return (widened, added)
    }
}
