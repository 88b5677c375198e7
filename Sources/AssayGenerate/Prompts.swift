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
            var index = line.startIndex
            while index < line.endIndex {
                if line[index] == "{", let close = line[index...].firstIndex(of: "}") {
                    let name = line[line.index(after: index)..<close]
                    if !name.isEmpty && name.allSatisfy(isPartCharacter) {
                        let value = values[String(name)] ?? ""
                        if value.isEmpty { empty = true }
                        output += value
                        index = line.index(after: close)
                        continue
                    }
                }
                output.append(line[index])
                index = line.index(after: index)
            }
            if !empty { lines.append(output) }
        }
        while lines.first?.allSatisfy(\.isWhitespace) == true { lines.removeFirst() }
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    static func isPartCharacter(_ character: Character) -> Bool {
        character == "_" || ("a"..."z").contains(character)
    }

    /// The names in braces in `text` (letters and underscores only, so JSON such as `{"label": …}` is
    /// not one).
    static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var name: String?
        for character in text {
            if character == "{" {
                name = ""
            } else if character == "}", let current = name, !current.isEmpty {
                names.append(current)
                name = nil
            } else if name != nil, isPartCharacter(character) {
                name?.append(character)
            } else {
                name = nil
            }
        }
        return names
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
