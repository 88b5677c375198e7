/// A value of a Parquet row as JSON would hold it: scalars, lists and records (structs and maps).
///
/// Logical types read as text where JSON has no type for them: DATE as `YYYY-MM-DD`, TIMESTAMP (and INT96)
/// as ISO 8601 (`2024-05-06T07:08:09.123456Z`: the fraction only when it is not zero, with the unit's 3, 6
/// or 9 digits; `Z` only when the timestamp is adjusted to UTC), TIME as `HH:MM:SS[.fff…]`, UUID as
/// hyphenated hex; DECIMAL reads as a number.
public enum ParquetValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case list([ParquetValue])
    case record([String: ParquetValue])
}

/// Turns a leaf column's physical values into `ParquetValue`s according to its logical type.
struct LeafConverter {
    let leaf: SchemaNode
    let values: ColumnValues

    /// The value at `index` among the column's non-null values.
    ///
    /// - Throws: `ParquetError` for a string column value that is not valid UTF-8.
    func value(at index: Int) throws -> ParquetValue {
        switch values.type {
        case .boolean: return .bool(values.booleans[index])
        case .int32: return integer(Int64(values.int32s[index]), unsigned32: true)
        case .int64: return integer(values.int64s[index], unsigned32: false)
        case .float: return .number(Double(values.floats[index]))
        case .double: return .number(values.doubles[index])
        case .int96:
            let bytes = values.int96s
            let base = index * 12
            var nanos: UInt64 = 0
            for byte in 0..<8 { nanos |= UInt64(bytes[base + byte]) << (8 * UInt64(byte)) }
            var day: UInt32 = 0
            for byte in 0..<4 { day |= UInt32(bytes[base + 8 + byte]) << (8 * UInt32(byte)) }
            // Julian day 2,440,588 is 1970-01-01.
            let days = Int64(day) - 2_440_588
            return .string(
                Self.timestamp(
                    seconds: days * 86_400 + Int64(nanos / 1_000_000_000), fraction: Int64(nanos % 1_000_000_000),
                    unitsPerSecond: 1_000_000_000, utc: true))
        case .fixedLengthByteArray:
            return try values.byteArrays.withValue(index) { bytes in try fixedLength(bytes) }
        case .byteArray:
            return try values.byteArrays.withValue(index) { bytes in
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw ParquetError(
                        column: leaf.path,
                        "is not valid UTF-8; Assay reads byte-array columns as UTF-8 text")
                }
                return .string(text)
            }
        }
    }

    private func integer(_ value: Int64, unsigned32: Bool) -> ParquetValue {
        switch leaf.logicalType {
        case .integer(let bits, false):
            if bits == 64 { return value < 0 ? .number(Double(UInt64(bitPattern: value))) : .integer(value) }
            return .integer(unsigned32 ? Int64(UInt32(truncatingIfNeeded: value)) : value)
        case .decimal(let scale):
            return .number(Double(value) / pow10(Int(scale)))
        case .date:
            return .string(Self.date(days: value))
        case .timestamp(let utc, let unitsPerSecond):
            let (seconds, fraction) = Self.split(value, unitsPerSecond)
            return .string(
                Self.timestamp(seconds: seconds, fraction: fraction, unitsPerSecond: unitsPerSecond, utc: utc))
        case .time(let unitsPerSecond):
            let (seconds, fraction) = Self.split(value, unitsPerSecond)
            return .string(Self.clock(seconds: seconds, fraction: fraction, unitsPerSecond: unitsPerSecond))
        default:
            return .integer(value)
        }
    }

    private func fixedLength(_ bytes: UnsafeBufferPointer<UInt8>) throws -> ParquetValue {
        switch leaf.logicalType {
        case .uuid where bytes.count == 16:
            let hex = bytes.map {
                String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
            }
            let groups = [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }
            return .string(groups.joined(separator: "-"))
        case .decimal(let scale) where bytes.count <= 8:
            var value: Int64 = bytes.first.map { $0 & 0x80 != 0 ? -1 : 0 } ?? 0
            for byte in bytes { value = value << 8 | Int64(byte) }
            return .number(Double(value) / pow10(Int(scale)))
        case .string, .enumeration, .json:
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw ParquetError(column: leaf.path, "a value is not valid UTF-8")
            }
            return .string(text)
        default:
            throw ParquetError(
                column: leaf.path,
                "is FIXED_LEN_BYTE_ARRAY(\(bytes.count)) without a logical type Assay reads as text (UUID, DECIMAL, STRING)"
            )
        }
    }

    private func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, exponent) { result *= 10 }
        return result
    }

    /// Whole seconds and the remainder in units, rounding toward negative infinity.
    static func split(_ value: Int64, _ unitsPerSecond: Int64) -> (Int64, Int64) {
        var seconds = value / unitsPerSecond
        var fraction = value % unitsPerSecond
        if fraction < 0 {
            seconds -= 1
            fraction += unitsPerSecond
        }
        return (seconds, fraction)
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's `civil_from_days`,
    /// "chrono-Compatible Low-Level Date Algorithms").
    static func date(days: Int64) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    static func timestamp(seconds: Int64, fraction: Int64, unitsPerSecond: Int64, utc: Bool) -> String {
        let (days, secondOfDay) = split(seconds, 86_400)
        return date(days: days) + "T" + clock(seconds: secondOfDay, fraction: fraction, unitsPerSecond: unitsPerSecond)
            + (utc ? "Z" : "")
    }

    static func clock(seconds: Int64, fraction: Int64, unitsPerSecond: Int64) -> String {
        var text = "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if fraction != 0 {
            let digits = unitsPerSecond == 1000 ? 3 : unitsPerSecond == 1_000_000 ? 6 : 9
            text += "." + pad(fraction, digits)
        }
        return text
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
