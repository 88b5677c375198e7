import AssayCore

/// The name of an artifact analyzers share and every parameter that determines it, typed by the artifact's
/// value: equal keys stand for equal values.
///
/// A key names its inputs, not its purpose: the neighbours of the synthetic set's size-matched rows and
/// those of all its rows are different keys unless the matched rows are all the rows, and then they are
/// one artifact, computed once (`ArtifactStore`).
public struct ArtifactKey<Value: Sendable>: Hashable, Sendable, CustomStringConvertible {
    /// What the artifact is (`neighbors`, `minhash-signatures` …).
    public let name: String
    /// The inputs that determine the value, by name.
    public let parameters: [String: ArtifactParameter]

    public init(_ name: String, _ parameters: [String: ArtifactParameter] = [:]) {
        self.name = name
        self.parameters = parameters
    }

    /// The name and the parameters in name order: `neighbors(k: 20, side: original)`.
    public var description: String {
        guard !parameters.isEmpty else { return name }
        let listed = parameters.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        return "\(name)(\(listed.joined(separator: ", ")))"
    }
}

/// One input of an artifact.
public enum ArtifactParameter: Hashable, Sendable, CustomStringConvertible {
    case text(String)
    case integer(Int)
    case number(Double)
    /// Rows of one side, in the order the artifact reads them.
    case rows([Int])

    public var description: String {
        switch self {
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .number(let value): return String(value)
        case .rows(let rows):
            guard let first = rows.first, let last = rows.last else { return "no rows" }
            return "\(rows.count) rows (\(first) … \(last))"
        }
    }
}

extension ArtifactParameter: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
}

extension ArtifactParameter {
    /// The side, by its name in the report.
    static func side(_ side: Side) -> ArtifactParameter { .text(side.rawValue) }
}
