import AssayCore
import Foundation
import Yams

/// Groups of people and the words that mention them, for the group–label association audit.
///
/// Terms are single words, matched against the lower-cased word tokens of each row (so "She" and
/// "she's" → "she's" is its own token: list it if it matters). A row mentions a group when any of its
/// words is one of the group's terms.
public struct GroupLexicon: Sendable, Equatable {
    /// Group names (sorted) and their terms (lower case, sorted, unique).
    public let groups: [(name: String, terms: [String])]

    public init(_ groups: [String: [String]]) {
        self.groups = groups.keys.sorted().map { name in
            (name, Set((groups[name] ?? []).map { $0.lowercased() }).sorted())
        }
    }

    public static func == (a: GroupLexicon, b: GroupLexicon) -> Bool {
        a.groups.map(\.name) == b.groups.map(\.name) && a.groups.map(\.terms) == b.groups.map(\.terms)
    }

    /// The default: gendered words of English — pronouns, nouns for people and kin, titles — in two
    /// groups, `female` and `male`.
    public static let gendered = GroupLexicon([
        "female": [
            "she", "her", "hers", "herself", "woman", "women", "girl", "girls", "lady", "ladies", "female", "females",
            "mother", "mothers", "mom", "moms", "mum", "daughter", "daughters", "sister", "sisters", "wife", "wives",
            "aunt", "niece", "grandmother", "grandma", "girlfriend", "bride", "queen", "princess", "actress",
            "actresses", "mrs", "ms", "madam",
        ],
        "male": [
            "he", "him", "his", "himself", "man", "men", "boy", "boys", "gentleman", "gentlemen", "male", "males",
            "father", "fathers", "dad", "dads", "son", "sons", "brother", "brothers", "husband", "husbands", "uncle",
            "nephew", "grandfather", "grandpa", "boyfriend", "groom", "king", "prince", "actor", "actors", "mr", "sir",
        ],
    ])

    /// Reads a mapping of group name → list of terms, as YAML (`.yml`, `.yaml`) or JSON (any other name;
    /// JSON is YAML too, so either parser would do, but JSON errors read better from JSON's own).
    ///
    /// - Throws: `AssayError` (`.input`) naming the file when it is missing, is not such a mapping, or a
    ///   group has no terms.
    public static func load(path: String) throws -> GroupLexicon {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AssayError(.input, file: path, "no such file; --groups takes a YAML or JSON file of group → terms")
        }
        let isYAML = path.hasSuffix(".yml") || path.hasSuffix(".yaml")
        let parsed: Any?
        if isYAML {
            do {
                parsed = try Yams.load(yaml: String(decoding: data, as: UTF8.self))
            } catch {
                // Yams describes the error over several lines (the line, a caret); keep the first.
                let reason = String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
                throw AssayError(
                    .input, file: path, "not valid YAML (\(reason)); write one group per key with a list of terms")
            }
        } else {
            parsed = try? JSONSerialization.jsonObject(with: data)
        }
        guard let object = parsed as? [String: Any] else {
            throw AssayError(
                .input, file: path,
                isYAML
                    ? "not a YAML mapping; write each group as a key with a list of terms"
                    : "not a JSON object; write the groups as {\"group\": [\"term\", …], …}")
        }
        var groups: [String: [String]] = [:]
        for (name, value) in object {
            guard let terms = value as? [String], !terms.isEmpty, terms.allSatisfy({ !$0.isEmpty }) else {
                throw AssayError(
                    .input, file: path, field: name, "expected a non-empty array of words for this group")
            }
            guard let multiword = terms.first(where: { $0.contains(" ") }) else {
                groups[name] = terms
                continue
            }
            throw AssayError(
                .input, file: path, field: name,
                "'\(multiword)' has a space; terms are single words matched against each row's words")
        }
        guard !groups.isEmpty else {
            throw AssayError(.input, file: path, "no groups; write at least one group of terms")
        }
        return GroupLexicon(groups)
    }
}
