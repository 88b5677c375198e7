/// Text from data or from a server, made safe to print to a terminal or a log.
///
/// Labels, dataset names, file names and server bodies come from outside: printed raw, an ESC
/// sequence in them can move the cursor, rewrite the screen or set the window title, and a NUL or a
/// carriage return can hide what came before it. Everything printed that did not come from Assay
/// itself passes through `TerminalText.safe`.
public enum TerminalText {
    /// `text` with every control character (C0, DEL and C1, and the bidirectional overrides) shown
    /// as a visible escape (`\u{1B}`), newlines and tabs folded to spaces unless `keepNewlines`, and
    /// cut to `limit` characters with an ellipsis.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public static func safe(_ text: some StringProtocol, limit: Int = 4096, keepNewlines: Bool = false) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(min(text.utf8.count, limit))
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                result += "…"
                break
            }
            count += 1
            switch scalar.value {
            case 0x0A where keepNewlines:
                result.unicodeScalars.append(scalar)
            case 0x09, 0x0A, 0x0D:
                result.unicodeScalars.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069:
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
