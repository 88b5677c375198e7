import Foundation

/// Turns a model's answer into an example's text and rejects what cannot be one: empty answers,
/// refusals, texts too short or too long. Small models wrap their text in meta-talk ("Here is a
/// headline:"), labels ("Headline:") and quotes; those are removed first.
public enum ExampleFilter {
    public enum Rejection: String, Sendable, Equatable {
        case empty
        case refusal
        case tooShort = "too_short"
        case tooLong = "too_long"
    }

    static let refusalPhrases = [
        "i'm sorry", "i am sorry", "i cannot", "i can't", "as an ai", "i'm unable", "i am unable",
        "i apologize",
    ]

    static let metaPrefixes = ["here is", "here's", "sure", "certainly", "okay", "ok,"]

    /// The answer's first line that is not meta-talk, without a leading `Label:` and surrounding quotes.
    public static func clean(_ answer: String) -> String {
        let lines = answer.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let line =
            lines.first { line in
                let lower = line.lowercased()
                return !(metaPrefixes.contains { lower.hasPrefix($0) } && lower.hasSuffix(":"))
            } ?? ""
        var text = line
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
        if trimmed.count < minCharacters { return .tooShort }
        if trimmed.count > maxCharacters { return .tooLong }
        return nil
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
