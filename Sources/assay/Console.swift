import AssayCore
import Foundation

/// Everything the tool prints goes through here, with the control characters of data (labels, dataset
/// names, file names, server text) shown escaped, so that no ESC sequence or NUL from the data ever
/// reaches a terminal or a log.
enum Console {
    /// Prints `text` to standard output; newlines are kept, every other control character is escaped.
    static func print(_ text: String, terminator: String = "\n") {
        Swift.print(TerminalText.safe(text, limit: .max, keepNewlines: true), terminator: terminator)
    }

    /// Writes `text` and a newline to standard error, sanitised the same way.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((TerminalText.safe(text, limit: .max, keepNewlines: true) + "\n").utf8))
    }
}
