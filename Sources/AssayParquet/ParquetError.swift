/// Why a Parquet file could not be read: a sentence naming what is wrong, with the column when one is
/// to blame.
public struct ParquetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The column's dotted path in the schema (`messages.list.element.content`), when the problem is in one.
    public var column: String?
    /// The 1-based row of the file, when the problem is in one.
    public var row: Int?
    /// What is wrong and, where it helps, what to do.
    public var message: String

    public init(column: String? = nil, _ message: String) {
        self.column = column
        self.message = message
    }

    public var description: String {
        (row.map { "row \($0): " } ?? "") + (column.map { "column '\($0)': \(message)" } ?? message)
    }

    /// The error for bytes that end or point outside where they should: a cut or damaged file.
    static func corrupt(_ what: String, column: String? = nil) -> ParquetError {
        ParquetError(column: column, "\(what); the file is cut short or damaged")
    }
}
