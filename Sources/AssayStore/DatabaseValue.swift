import Foundation

/// One SQLite value: the five storage classes an SQLite column or parameter can hold.
public enum DatabaseValue: Sendable, Equatable, Hashable {
    /// A signed 64-bit integer.
    case integer(Int64)
    /// An IEEE 754 double.
    case real(Double)
    /// UTF-8 text.
    case text(String)
    /// Bytes, stored as given.
    case blob(Data)
    /// SQL NULL.
    case null
}
