import AssayCore
import Foundation
import Yams

/// What `assay generate` is asked to produce: the task, its classes, the attribute dimensions to vary
/// (AttrPrompt), the strategy, the backend and the limits — read from YAML or JSON.
///
/// ```yaml
/// task: Short news headlines, one topic each.
/// classes:
///   - name: sports
///     description: games, players, results
///     attributes: { subtopic: [football, tennis, athletics] }
///   - name: business
/// attributes:
///   style: [neutral, excited]
///   location: [Europe, Asia, Africa, the Americas]
/// strategy: attributed        # attributed | simple | targen
/// count_per_class: 10
/// backend: { base_url: "http://127.0.0.1:8765/v1", model: smollm2, api_key_env: OPENAI_API_KEY }
/// seed: 7
/// ```
public struct TaskSpec: Sendable, Equatable {
    public enum Strategy: String, Sendable, CaseIterable {
        /// One value of every attribute dimension sampled per example (AttrPrompt).
        case attributed
        /// Class-conditional prompts without attributes: the baseline.
        case simple
        /// Attributed generation followed by the LLM re-checking every label (TarGEN self-correction).
        case targen
    }

    public struct ClassSpec: Sendable, Equatable {
        public var name: String
        public var description: String?
        /// Dimensions for this class only, added to the global ones.
        public var attributes: [String: [String]]
    }

    public struct Backend: Sendable, Equatable {
        public var baseURL: String
        public var model: String
        /// The environment variable holding the API key; nil for none (a local server).
        public var apiKeyEnvironment: String?
    }

    public var task: String
    public var classes: [ClassSpec]
    /// Dimensions every class varies.
    public var attributes: [String: [String]]
    public var strategy: Strategy
    public var countPerClass: Int
    public var backend: Backend
    public var temperature: Double
    public var maxTokens: Int
    /// Tokens the run may spend in all; nil for no limit.
    public var tokenBudget: Int?
    public var seed: UInt64

    /// The dimensions of `label`'s examples, global ones first, each sorted by name.
    public func dimensions(of label: String) -> [(name: String, values: [String])] {
        let own = classes.first { $0.name == label }?.attributes ?? [:]
        return attributes.merging(own) { global, local in global + local.filter { !global.contains($0) } }
            .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    static let keys = [
        "task", "classes", "attributes", "strategy", "count_per_class", "backend", "temperature", "max_tokens",
        "token_budget", "seed",
    ]

    /// Reads the spec at `path`.
    ///
    /// - Throws: `AssayError` (`.usage`) naming the file, line and key of the first problem.
    public static func load(path: String) throws -> TaskSpec {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw AssayError(
                .usage, file: path, "no such task spec (or not UTF-8 text); --spec takes a YAML or JSON file")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws -> TaskSpec {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            let reason = String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
            throw AssayError(.usage, file: path, "not valid YAML or JSON (\(reason))")
        }
        guard let root, let mapping = root.mapping else {
            throw AssayError(
                .usage, file: path, line: root?.mark?.line, "a task spec is a mapping with task, classes …")
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard keys.contains(name) else {
                throw AssayError(
                    .usage, file: path, line: key.mark?.line, field: name,
                    "unknown key; a task spec takes \(keys.joined(separator: ", "))")
            }
            values[name] = value
        }
        func problem(_ key: String, _ message: String, _ node: Node? = nil) -> AssayError {
            AssayError(
                .usage, file: path, line: (node ?? values[key])?.mark?.line ?? root.mark?.line, field: key, message)
        }
        func string(_ key: String) throws -> String? {
            guard let node = values[key] else { return nil }
            guard let text = node.string, !text.isEmpty else { throw problem(key, "expected text") }
            return text
        }
        func number(_ key: String) throws -> Double? {
            guard let node = values[key] else { return nil }
            guard node.scalar?.style == .plain, let value = node.float, value.isFinite else {
                throw problem(key, "expected a number")
            }
            return value
        }
        func dimensions(_ node: Node?, key: String) throws -> [String: [String]] {
            guard let node else { return [:] }
            guard let mapping = node.mapping else {
                throw problem(key, "expected dimension → list of values, e.g. style: [formal, casual]", node)
            }
            var result: [String: [String]] = [:]
            for (name, list) in mapping {
                let values = list.sequence?.compactMap(\.string) ?? []
                guard let dimension = name.string, !values.isEmpty, values.count == list.sequence?.count else {
                    throw problem(key, "dimension \(name.string ?? "?") needs a non-empty list of values", list)
                }
                result[dimension] = values
            }
            return result
        }

        guard let task = try string("task") else { throw problem("task", "every spec describes its task") }
        guard let classNodes = values["classes"]?.sequence, classNodes.count >= 2 else {
            throw problem("classes", "list at least two classes, each a name or {name, description, attributes}")
        }
        var classes: [ClassSpec] = []
        for node in classNodes {
            if let name = node.string, !name.isEmpty {
                classes.append(ClassSpec(name: name, description: nil, attributes: [:]))
                continue
            }
            guard let mapping = node.mapping, let name = mapping["name"]?.string, !name.isEmpty else {
                throw problem("classes", "each class is a name or a mapping with `name`", node)
            }
            classes.append(
                ClassSpec(
                    name: name, description: mapping["description"]?.string,
                    attributes: try dimensions(mapping["attributes"], key: "classes")))
        }
        if let repeated = Dictionary(grouping: classes, by: \.name).first(where: { $0.value.count > 1 })?.key {
            throw problem("classes", "class \(repeated) is listed twice")
        }
        let strategyName = try string("strategy") ?? Strategy.attributed.rawValue
        guard let strategy = Strategy(rawValue: strategyName) else {
            throw problem("strategy", "expected one of attributed, simple, targen; got '\(strategyName)'")
        }
        let count = try number("count_per_class") ?? 10
        guard count >= 1, count == count.rounded() else {
            throw problem("count_per_class", "expected a whole number ≥ 1")
        }
        guard let backendNode = values["backend"]?.mapping, let baseURL = backendNode["base_url"]?.string,
            URL(string: baseURL)?.scheme != nil, let model = backendNode["model"]?.string
        else {
            throw problem("backend", "expected {base_url: http://…/v1, model: NAME, api_key_env: VARIABLE (optional)}")
        }
        let temperature = try number("temperature") ?? 0.8
        guard (0...2).contains(temperature) else { throw problem("temperature", "expected 0 to 2") }
        let maxTokens = try number("max_tokens") ?? 80
        let budget = try number("token_budget")
        let seed = try number("seed") ?? 13
        guard seed >= 0, seed == seed.rounded() else { throw problem("seed", "expected a whole number ≥ 0") }
        return TaskSpec(
            task: task, classes: classes, attributes: try dimensions(values["attributes"], key: "attributes"),
            strategy: strategy, countPerClass: Int(count),
            backend: Backend(
                baseURL: baseURL, model: model, apiKeyEnvironment: backendNode["api_key_env"]?.string),
            temperature: temperature, maxTokens: Int(maxTokens), tokenBudget: budget.map { Int($0) },
            seed: UInt64(seed))
    }
}
