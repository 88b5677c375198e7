import AssayCore
import Foundation
import Yams

/// What `assay generate` is asked to produce: the task, its classes, the attribute dimensions to vary
/// (AttrPrompt), the strategy, the prompts, the backend and the limits — read from YAML or JSON.
///
/// ```yaml
/// task: Short news headlines, one topic each.
/// classes:
///   - name: sports
///     description: games, players, results
///     attributes: { subtopic: { propose: 5 } }   # values the LLM proposes in a first step
///   - name: business
/// attributes:
///   style: [neutral, excited]
///   location: [Europe, Asia, Africa, the Americas]
/// strategy: attributed        # attributed | simple | targen
/// count_per_class: 10
/// backend:
///   base_url: "http://127.0.0.1:8765/v1"
///   model: smollm2
///   api_key_env: OPENAI_API_KEY
///   price: { prompt: 0.15, completion: 0.60 }   # dollars per million tokens
/// limits: { concurrency: 4, requests_per_minute: 500, tokens_per_minute: 200000, token_budget: 1000000,
///           max_response_bytes: 8388608, connect_timeout_s: 10, request_timeout_s: 120 }   # the defaults
/// prompts: { generate: "…{class}…{attributes}…" }   # see `Prompts`
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

    /// A dimension whose values the LLM proposes before the first round (AttrPrompt's first step):
    /// `count` values for `label`'s examples, or for every class's when `label` is nil.
    public struct Proposal: Sendable, Equatable {
        public var label: String?
        public var dimension: String
        public var count: Int
    }

    /// Dollars per million tokens.
    public struct Price: Sendable, Equatable {
        public var prompt: Double
        public var completion: Double

        public init(prompt: Double, completion: Double) {
            self.prompt = prompt
            self.completion = completion
        }
    }

    public struct Backend: Sendable, Equatable {
        public var baseURL: String
        public var model: String
        /// The environment variable holding the API key; nil for none (a local server).
        public var apiKeyEnvironment: String?
        /// The spec line of `api_key_env`, for errors about the variable.
        public var apiKeyEnvironmentLine: Int?
        public var price: Price?

        public init(
            baseURL: String, model: String, apiKeyEnvironment: String? = nil, apiKeyEnvironmentLine: Int? = nil,
            price: Price? = nil
        ) {
            self.baseURL = baseURL
            self.model = model
            self.apiKeyEnvironment = apiKeyEnvironment
            self.apiKeyEnvironmentLine = apiKeyEnvironmentLine
            self.price = price
        }

        /// The API key: the value of the variable `api_key_env` names in `environment`; nil when the
        /// spec names none.
        ///
        /// - Throws: `AssayError` (`.usage`) naming the variable and the line of `specPath` when the
        ///   variable is unset or empty — a request without the key the spec asks for would only fail later.
        public func apiKey(environment: [String: String], specPath: String) throws -> String? {
            guard let name = apiKeyEnvironment else { return nil }
            guard let value = environment[name], !value.isEmpty else {
                let state = environment[name] == nil ? "is not set" : "is empty"
                throw AssayError(
                    .usage, file: specPath, line: apiKeyEnvironmentLine, field: "backend.api_key_env",
                    "the environment variable \(TerminalText.safe(name, limit: 100)) \(state); export the API key in "
                        + "it, or remove api_key_env for a server without one")
            }
            return value
        }
    }

    public struct Limits: Sendable, Equatable {
        /// Requests in flight at once.
        public var concurrency = 1
        public var requestsPerMinute: Int?
        /// Prompt and completion tokens per minute (a request counts its prompt and `max_tokens` up front).
        public var tokensPerMinute: Int?
        /// Tokens the run may spend in all; when it is spent the round ends with what it has.
        public var tokenBudget: Int?
        /// Bytes one response body may have (`max_response_bytes`, default 8 MB = 8,388,608): a longer
        /// body fails its request, which is not retried.
        public var maxResponseBytes = Limits.defaultMaxResponseBytes
        /// Seconds an attempt may take to connect and send its request (`connect_timeout_s`, default 10);
        /// one that does not is retried while the request timeout allows.
        public var connectTimeout: TimeInterval = 10
        /// Seconds one request may take, every retry and wait included (`request_timeout_s`, default 120);
        /// then it fails with "timed out after N s".
        public var requestTimeout: TimeInterval = 120

        /// 8 MB: far above any chat completion, far below what a runaway server could send.
        public static let defaultMaxResponseBytes = 8 << 20
    }

    public var task: String
    public var classes: [ClassSpec]
    /// Dimensions every class varies.
    public var attributes: [String: [String]]
    /// Dimensions still waiting for the LLM's values.
    public var proposals: [Proposal]
    public var strategy: Strategy
    public var prompts: Prompts
    public var countPerClass: Int
    public var backend: Backend
    public var limits: Limits
    public var temperature: Double
    public var maxTokens: Int
    public var seed: UInt64

    /// The dimensions of `label`'s examples, global ones first, each sorted by name.
    public func dimensions(of label: String) -> [(name: String, values: [String])] {
        let own = classes.first { $0.name == label }?.attributes ?? [:]
        return attributes.merging(own) { global, local in global + local.filter { !global.contains($0) } }
            .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The values of `dimension` for `label`'s examples (global ones first), or its global values
    /// when `label` is nil; empty when there is no such dimension.
    public func values(of dimension: String, for label: String?) -> [String] {
        guard let label else { return attributes[dimension] ?? [] }
        return dimensions(of: label).first { $0.name == dimension }?.values ?? []
    }

    /// Adds `values` to `dimension` — of `label` alone, or of every class when `label` is nil —
    /// skipping those it has (case aside).
    public mutating func add(_ values: [String], to dimension: String, of label: String?) {
        let present = Set(self.values(of: dimension, for: label).map { $0.lowercased() })
        var fresh: [String] = []
        for value in values where !present.contains(value.lowercased()) {
            if !fresh.contains(where: { $0.lowercased() == value.lowercased() }) { fresh.append(value) }
        }
        guard !fresh.isEmpty else { return }
        if let label, let index = classes.firstIndex(where: { $0.name == label }) {
            classes[index].attributes[dimension, default: []] += fresh
        } else {
            attributes[dimension, default: []] += fresh
        }
    }

    /// Every class's dimensions, for saving: class → dimension → values.
    public var resolvedDimensions: [String: [String: [String]]] {
        Dictionary(
            uniqueKeysWithValues: classes.map { classSpec in
                (
                    classSpec.name,
                    Dictionary(uniqueKeysWithValues: dimensions(of: classSpec.name).map { ($0.name, $0.values) })
                )
            })
    }

    static let keys = [
        "task", "classes", "attributes", "strategy", "prompts", "count_per_class", "backend", "limits", "temperature",
        "max_tokens", "seed",
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
        let reader = SpecReader(path: path, root: root)
        let values = try reader.entries(of: mapping, allowed: keys, what: "a task spec")

        guard let task = try reader.text(values["task"], key: "task") else {
            throw reader.problem("task", "every spec describes its task", values["task"])
        }
        var proposals: [Proposal] = []
        guard let classNodes = values["classes"]?.sequence, classNodes.count >= 2 else {
            throw reader.problem(
                "classes", "list at least two classes, each a name or {name, description, attributes}",
                values["classes"])
        }
        var classes: [ClassSpec] = []
        for node in classNodes {
            if let name = node.string, !name.isEmpty {
                classes.append(ClassSpec(name: name, description: nil, attributes: [:]))
                continue
            }
            guard let mapping = node.mapping, let name = mapping["name"]?.string, !name.isEmpty else {
                throw reader.problem("classes", "each class is a name or a mapping with `name`", node)
            }
            let entries = try reader.entries(
                of: mapping, allowed: ["name", "description", "attributes"], what: "a class", key: "classes")
            let (dimensions, proposed) = try reader.dimensions(entries["attributes"], key: "classes")
            proposals += proposed.map { Proposal(label: name, dimension: $0.dimension, count: $0.count) }
            classes.append(
                ClassSpec(
                    name: name, description: try reader.text(entries["description"], key: "classes"),
                    attributes: dimensions))
        }
        if let repeated = Dictionary(grouping: classes, by: \.name).first(where: { $0.value.count > 1 })?.key {
            throw reader.problem("classes", "class \(repeated) is listed twice", values["classes"])
        }
        let (attributes, globalProposals) = try reader.dimensions(values["attributes"], key: "attributes")
        proposals = globalProposals.map { Proposal(label: nil, dimension: $0.dimension, count: $0.count) } + proposals

        let strategyName = try reader.text(values["strategy"], key: "strategy") ?? Strategy.attributed.rawValue
        guard let strategy = Strategy(rawValue: strategyName) else {
            throw reader.problem(
                "strategy", "expected one of attributed, simple, targen; got '\(strategyName)'", values["strategy"])
        }
        let count = try reader.whole(values["count_per_class"], key: "count_per_class", least: 1) ?? 10
        let temperature = try reader.number(values["temperature"], key: "temperature") ?? 0.8
        guard (0...2).contains(temperature) else {
            throw reader.problem("temperature", "expected 0 to 2", values["temperature"])
        }
        let maxTokens = try reader.whole(values["max_tokens"], key: "max_tokens", least: 1) ?? 80
        let seed = try reader.whole(values["seed"], key: "seed", least: 0) ?? 13
        return TaskSpec(
            task: task, classes: classes, attributes: attributes, proposals: proposals, strategy: strategy,
            prompts: try Prompts.read(values["prompts"], reader: reader),
            countPerClass: count, backend: try reader.backend(values["backend"]),
            limits: try reader.limits(values["limits"]), temperature: temperature, maxTokens: maxTokens,
            seed: UInt64(seed))
    }
}

/// Reads the parts of a spec, each problem an `AssayError` naming the file, line and key.
struct SpecReader {
    let path: String
    let root: Node

    func problem(_ key: String, _ message: String, _ node: Node?) -> AssayError {
        AssayError(.usage, file: path, line: node?.mark?.line ?? root.mark?.line, field: key, message)
    }

    /// The entries of `mapping` by key, each key one of `allowed`.
    func entries(of mapping: Node.Mapping, allowed: [String], what: String, key: String? = nil) throws -> [String: Node]
    {
        var values: [String: Node] = [:]
        for (name, value) in mapping {
            let text = name.string ?? ""
            guard allowed.contains(text) else {
                throw AssayError(
                    .usage, file: path, line: name.mark?.line, field: key.map { "\($0).\(text)" } ?? text,
                    "unknown key; \(what) takes \(allowed.joined(separator: ", "))")
            }
            values[text] = value
        }
        return values
    }

    func text(_ node: Node?, key: String) throws -> String? {
        guard let node else { return nil }
        guard let text = node.string, !text.isEmpty, node.scalar != nil else {
            throw problem(key, "expected text", node)
        }
        return text
    }

    func number(_ node: Node?, key: String) throws -> Double? {
        guard let node else { return nil }
        guard node.scalar?.style == .plain, let value = node.float, value.isFinite else {
            throw problem(key, "expected a number", node)
        }
        return value
    }

    func whole(_ node: Node?, key: String, least: Int) throws -> Int? {
        guard let value = try number(node, key: key) else { return nil }
        guard value >= Double(least), value == value.rounded(), value < 1e15 else {
            throw problem(key, "expected a whole number ≥ \(least)", node)
        }
        return Int(value)
    }

    /// Dimension → values, and the dimensions written `{propose: N}`.
    func dimensions(_ node: Node?, key: String) throws -> ([String: [String]], [(dimension: String, count: Int)]) {
        guard let node else { return ([:], []) }
        guard let mapping = node.mapping else {
            throw problem(key, "expected dimension → list of values, e.g. style: [formal, casual]", node)
        }
        var listed: [String: [String]] = [:]
        var proposed: [(String, Int)] = []
        for (name, value) in mapping {
            let dimension = name.string ?? "?"
            if let settings = value.mapping {
                let entries = try entries(of: settings, allowed: ["propose"], what: "a proposed dimension", key: key)
                guard let count = try whole(entries["propose"], key: key, least: 1) else {
                    throw problem(key, "dimension \(dimension): write {propose: N} for N values from the LLM", value)
                }
                proposed.append((dimension, count))
                continue
            }
            let values = value.sequence?.compactMap(\.string) ?? []
            guard !values.isEmpty, values.count == value.sequence?.count else {
                throw problem(
                    key, "dimension \(dimension) needs a non-empty list of values, or {propose: N}", value)
            }
            listed[dimension] = values
        }
        return (listed, proposed.sorted { $0.0 < $1.0 })
    }

    func backend(_ node: Node?) throws -> TaskSpec.Backend {
        let usage = "expected {base_url: http://…/v1, model: NAME, api_key_env: VARIABLE, price: {prompt, completion}}"
        guard let mapping = node?.mapping else { throw problem("backend", usage, node) }
        let values = try entries(
            of: mapping, allowed: ["base_url", "model", "api_key_env", "price"], what: "backend", key: "backend")
        guard let baseURL = values["base_url"]?.string, URL(string: baseURL)?.scheme != nil,
            let model = values["model"]?.string
        else { throw problem("backend", usage, node) }
        var price: TaskSpec.Price?
        if let priceNode = values["price"] {
            guard let priceMapping = priceNode.mapping else {
                throw problem(
                    "backend.price", "expected {prompt: DOLLARS, completion: DOLLARS} per million tokens", priceNode)
            }
            let prices = try entries(
                of: priceMapping, allowed: ["prompt", "completion"], what: "price", key: "backend.price")
            guard let prompt = try number(prices["prompt"], key: "backend.price.prompt"),
                let completion = try number(prices["completion"], key: "backend.price.completion"), prompt >= 0,
                completion >= 0
            else {
                throw problem(
                    "backend.price", "expected {prompt: DOLLARS, completion: DOLLARS} per million tokens", priceNode)
            }
            price = TaskSpec.Price(prompt: prompt, completion: completion)
        }
        return TaskSpec.Backend(
            baseURL: baseURL, model: model,
            apiKeyEnvironment: try text(values["api_key_env"], key: "backend.api_key_env"),
            apiKeyEnvironmentLine: values["api_key_env"]?.mark?.line, price: price)
    }

    func limits(_ node: Node?) throws -> TaskSpec.Limits {
        var limits = TaskSpec.Limits()
        guard let node else { return limits }
        let keys = [
            "concurrency", "requests_per_minute", "tokens_per_minute", "token_budget", "max_response_bytes",
            "connect_timeout_s", "request_timeout_s",
        ]
        guard let mapping = node.mapping else {
            throw problem("limits", "expected {\(keys.joined(separator: ", "))}", node)
        }
        let values = try entries(of: mapping, allowed: keys, what: "limits", key: "limits")
        limits.concurrency = try whole(values["concurrency"], key: "limits.concurrency", least: 1) ?? 1
        limits.requestsPerMinute = try whole(values["requests_per_minute"], key: "limits.requests_per_minute", least: 1)
        limits.tokensPerMinute = try whole(values["tokens_per_minute"], key: "limits.tokens_per_minute", least: 1)
        limits.tokenBudget = try whole(values["token_budget"], key: "limits.token_budget", least: 1)
        limits.maxResponseBytes =
            try whole(values["max_response_bytes"], key: "limits.max_response_bytes", least: 1024)
            ?? TaskSpec.Limits.defaultMaxResponseBytes
        limits.connectTimeout = try seconds(values["connect_timeout_s"], key: "limits.connect_timeout_s") ?? 10
        limits.requestTimeout = try seconds(values["request_timeout_s"], key: "limits.request_timeout_s") ?? 120
        return limits
    }

    /// A duration in seconds: more than 0, at most a day.
    func seconds(_ node: Node?, key: String) throws -> TimeInterval? {
        guard let value = try number(node, key: key) else { return nil }
        guard value > 0, value <= 86_400 else {
            throw problem(key, "expected seconds, more than 0 and at most 86400", node)
        }
        return value
    }
}
