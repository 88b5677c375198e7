import AssayCore
import Foundation
import Yams

/// The prompt templates of a run, each with a default, set under `prompts:` in the spec.
///
/// A template names its parts in braces — `{task}`, `{class}` … — and a line in which some named part
/// is empty is left out (a class without a description drops its "The topic means:" line).
///
/// - `generate`: `{task}`, `{class}`, `{description}`, `{attributes}` (`name: value; …`, empty for
///   the `simple` strategy).
/// - `self_check`: `{task}`, `{classes}` (comma-separated), `{text}`. The answer is read as the JSON
///   object `{"label": …}`, else as the first class named in it.
/// - `propose`: `{task}`, `{classes}`, `{class}` (empty for a dimension of every class),
///   `{description}`, `{dimension}`, `{count}`, `{existing}` (values it has, comma-separated). The
///   answer is read as `{"values": […]}`, else one value a line.
public struct Prompts: Sendable, Equatable {
    public var generate: String
    public var selfCheck: String
    public var propose: String

    public static let defaultGenerate = """
        Task: {task}
        Topic: {class}
        The topic means: {description}
        Attributes: {attributes}
        Write one example for this topic with these attributes. Reply with the example only.
        """

    public static let defaultSelfCheck = """
        Task: {task}
        Which one of these classes fits the text best: {classes}?
        Text: {text}
        Answer with a JSON object {"label": "<the class>"}.
        """

    public static let defaultPropose = """
        Task: {task}
        The classes are: {classes}.
        Name {count} different values of the attribute "{dimension}" for examples of the class "{class}".
        The class means: {description}
        Values it has already, not to repeat: {existing}
        Each value is a few words. Answer with a JSON object whose key "values" lists them.
        """

    public static let standard = Prompts(
        generate: defaultGenerate, selfCheck: defaultSelfCheck, propose: defaultPropose)

    /// The parts each template may name.
    static let parts = [
        "generate": ["task", "class", "description", "attributes"],
        "self_check": ["task", "classes", "text"],
        "propose": ["task", "classes", "class", "description", "dimension", "count", "existing"],
    ]

    /// `template` with its parts filled in; lines in which some named part is empty are left out.
    public static func render(_ template: String, _ values: [String: String]) -> String {
        var lines: [String] = []
        for line in template.split(separator: "\n", omittingEmptySubsequences: false) {
            var output = ""
            var empty = false
            scan(
                line, text: { output.append($0) },
                part: { name in
                    let value = values[name] ?? ""
                    if value.isEmpty { empty = true }
                    output += value
                })
            if !empty { lines.append(output) }
        }
        while lines.first?.allSatisfy(\.isWhitespace) == true { lines.removeFirst() }
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// The names in braces in `text` (letters and underscores only, so JSON such as `{"label": …}` is
    /// not one).
    static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        scan(Substring(text), text: { _ in }, part: { names.append($0) })
        return names
    }

    /// Walks `line`, handing each `{name}` (lowercase letters and underscores) to `part` and every
    /// other character to `text`.
    @inline(__always)
    private static func scan(_ line: Substring, text: (Character) -> Void, part: (String) -> Void) {
        var index = line.startIndex
        while index < line.endIndex {
            if line[index] == "{", let close = line[index...].firstIndex(of: "}") {
                let name = line[line.index(after: index)..<close]
                if !name.isEmpty && name.allSatisfy({ $0 == "_" || ("a"..."z").contains($0) }) {
                    part(String(name))
                    index = line.index(after: close)
                    continue
                }
            }
            text(line[index])
            index = line.index(after: index)
        }
    }

    static func read(_ node: Node?, reader: SpecReader) throws -> Prompts {
        var prompts = Prompts.standard
        guard let node else { return prompts }
        guard let mapping = node.mapping else {
            throw reader.problem("prompts", "expected {generate: …, self_check: …, propose: …}", node)
        }
        let values = try reader.entries(
            of: mapping, allowed: ["generate", "self_check", "propose"], what: "prompts", key: "prompts")
        for (name, template) in values {
            let key = "prompts.\(name)"
            guard let text = try reader.text(template, key: key) else { continue }
            let allowed = parts[name] ?? []
            if let unknown = placeholders(in: text).first(where: { !allowed.contains($0) }) {
                throw reader.problem(
                    key,
                    "unknown part {\(unknown)}; this template takes \(allowed.map { "{\($0)}" }.joined(separator: ", "))",
                    template)
            }
            switch name {
            case "generate": prompts.generate = text
            case "self_check": prompts.selfCheck = text
            default: prompts.propose = text
            }
        }
        return prompts
    }
}
