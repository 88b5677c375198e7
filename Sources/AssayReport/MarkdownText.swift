import AssayCore

/// Text from the data made inert for GitHub-flavoured Markdown.
///
/// summary.md is posted as a pull-request comment, and labels, texts, file names and messages that
/// quote them come from the data. Rendered raw they could add images, links, @mentions, HTML
/// (`</details><h1>`), headings or an unclosed code fence to the comment. `MarkdownText.inline`
/// makes such a value one line of plain text that renders as itself:
/// - control characters are shown escaped and newlines are folded (`TerminalText.safe`), so a value
///   cannot start a new block (a heading, a list, a fence);
/// - `<`, `>` and `&` become HTML entities, so no tag or entity is ever parsed;
/// - Markdown punctuation is backslash-escaped, so no emphasis, code span, link, image, table cell
///   or math span starts, and `:` and `.` are escaped so that GFM's extended autolinks
///   (`https://…`, `www.…`) do not match;
/// - `@` is followed by a zero-width space, so neither an @mention nor an e-mail autolink forms;
/// - the value is cut to `limit` characters.
public enum MarkdownText {
    /// The characters CommonMark lets a backslash escape that matter inline in GFM (tables, math,
    /// autolinks included); `<`, `>`, `&` and `@` are handled apart.
    private static let escaped: Set<Unicode.Scalar> = [
        "\\", "`", "*", "_", "[", "]", "(", ")", "#", "+", "-", ".", "!", "|", "~", ":", "$", "=", "\"", "'",
    ]

    /// `text` as inert one-line Markdown of at most `limit` characters (plus an ellipsis).
    ///
    /// - Complexity: O(n) in the length of `text`.
    public static func inline(_ text: some StringProtocol, limit: Int = 200) -> String {
        var result = ""
        for scalar in TerminalText.safe(text, limit: limit).unicodeScalars {
            switch scalar {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "@": result += "@\u{200B}"
            case _ where escaped.contains(scalar):
                result.unicodeScalars.append("\\")
                result.unicodeScalars.append(scalar)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
