import Foundation

/// Turns a model's answer into an example's text and rejects what cannot be one: empty answers,
/// refusals, talk about the task instead of an example, texts too short or too long. Small models
/// wrap their text in meta-talk ("Here is a headline:", `The headline "…" is an example of …`),
/// labels ("Headline:") and quotes; the text is taken out of those first.
public enum ExampleFilter {
    public enum Rejection: String, Sendable, Equatable {
        case empty
        case refusal
        /// The answer talks about the task ("This is an example of …") instead of being an example.
        case meta
        case tooShort = "too_short"
        case tooLong = "too_long"
    }

    static let refusalPhrases = [
        "i'm sorry", "i am sorry", "i cannot", "i can't", "as an ai", "i'm unable", "i am unable",
        "i apologize",
    ]

    static let metaPrefixes = ["here is", "here's", "sure", "certainly", "okay", "ok,"]

    /// Phrases with which an answer describes the task or itself rather than being an example.
    static let metaPhrases = [
        "example of", "an example", "this example", "the example", "this sentence", "this text", "the class",
        "class \"", "attributes", "one-sentence", "in this context", "here is", "here's", "this headline",
        "news headline",
    ]

    /// The answer's first line that is not meta-talk — or, when that line talks about a quoted text,
    /// the quoted text — without a leading `Label:` and surrounding quotes.
    public static func clean(_ answer: String) -> String {
        let lines = answer.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        // Lines that only introduce what follows: "Here is a headline:", "World:".
        let line =
            lines.first { line in
                let lower = line.lowercased()
                guard lower.hasSuffix(":") else { return true }
                return !(metaPrefixes.contains { lower.hasPrefix($0) } || line.split(separator: " ").count <= 4)
            } ?? ""
        var text = quotedExample(in: line) ?? line
        // A label of one or two capitalised words ("Headline:", "Sports news:") before the text.
        if let colon = text.firstIndex(of: ":") {
            let label = text[..<colon]
            if label.count <= 20, label.split(separator: " ").count <= 2, label.first?.isUppercase == true {
                text = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            }
        }
        let quotes: Set<Character> = ["\"", "'", "“", "”", "‘", "’"]
        while let first = text.first, let last = text.last, text.count >= 2, quotes.contains(first),
            quotes.contains(last)
        {
            text = String(text.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    /// Why `text` is not an example, or nil when it is one.
    public static func rejection(_ text: String, minCharacters: Int = 10, maxCharacters: Int = 1000) -> Rejection? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .empty }
        let lower = trimmed.lowercased()
        if refusalPhrases.contains(where: { lower.contains($0) }) { return .refusal }
        if metaPhrases.contains(where: { lower.contains($0) }) { return .meta }
        if trimmed.count < minCharacters { return .tooShort }
        if trimmed.count > maxCharacters { return .tooLong }
        return nil
    }

    /// The quoted text of three words or more in `line` when the words around it talk about it
    /// (`Here's an example headline: "…"`, `The headline "…" - this is …`); nil otherwise.
    static func quotedExample(in line: String) -> String? {
        guard let open = line.firstIndex(where: { $0 == "\"" || $0 == "“" }),
            let close = line[line.index(after: open)...].firstIndex(where: { $0 == "\"" || $0 == "”" })
        else { return nil }
        let quoted = line[line.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
        guard quoted.split(separator: " ").count >= 3 else { return nil }
        let around = (line[..<open] + " " + line[line.index(after: close)...]).lowercased()
        return metaPhrases.contains { around.contains($0) } ? quoted : nil
    }

    /// The class a self-check answer names: the `label` of its JSON object when that is a class (case
    /// aside), else the first class named in that label or, failing that, in the whole answer.
    public static func checkedLabel(in answer: String, classes: [String]) -> String? {
        if let label = JSONAnswer.lastObject(in: answer)?["label"] as? String {
            if let exact = classes.first(where: {
                $0.lowercased() == label.lowercased().trimmingCharacters(in: .whitespaces)
            }) {
                return exact
            }
            if let named = namedClass(in: label, classes: classes) { return named }
        }
        return namedClass(in: answer, classes: classes)
    }

    /// The class an answer names (TarGEN's self-check): the one whose name appears first as a whole
    /// word, case aside; nil when none does.
    public static func namedClass(in answer: String, classes: [String]) -> String? {
        let lower = answer.lowercased()
        var best: (position: Int, label: String)?
        for label in classes {
            let pattern = "\\b" + NSRegularExpression.escapedPattern(for: label.lowercased()) + "\\b"
            guard let range = lower.range(of: pattern, options: .regularExpression) else { continue }
            let position = lower.distance(from: lower.startIndex, to: range.lowerBound)
            if best == nil || position < best?.position ?? 0 { best = (position, label) }
        }
        return best?.label
    }
}
