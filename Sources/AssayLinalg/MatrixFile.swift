import AssayCore
import Foundation

/// A 2-D array of numbers read from a file: embeddings, class probabilities.
///
/// Two formats, chosen by the extension:
/// - `.npy`: a NumPy array of shape (rows, columns), format version 1.0, 2.0 or 3.0, dtype `<f4` (float32)
///   or `<f8` (float64, converted to float32), C order — what `np.save(path, array)` writes;
/// - `.jsonl`: one JSON object per line with an array of numbers under `field` (other fields are ignored,
///   blank lines skipped).
public enum MatrixFile {
    /// Reads every row of the `.npy` or `.jsonl` file at `path`.
    ///
    /// - Parameters:
    ///   - field: the JSON Lines field that holds each row's numbers.
    ///   - what: what the file holds, for error messages ("embedding", "class probability").
    /// - Throws: `AssayError` (`.input`) naming the file (and for JSONL the line and field) when the file
    ///   is unreadable or malformed, a value is not a finite float32, rows differ in length, or the dtype or
    ///   layout is unsupported.
    /// - Complexity: O(file size).
    public static func read(path: String, field: String, what: String) throws -> Matrix {
        let fileExtension = (path as NSString).pathExtension.lowercased()
        guard fileExtension == "npy" || fileExtension == "jsonl" else {
            throw AssayError(
                .input, file: path,
                "unsupported \(what) file; expected a NumPy .npy array of shape (rows, columns) or a .jsonl file with a `\(field)` array of numbers per line"
            )
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw AssayError(.input, file: path, "cannot be read (\(error.localizedDescription))")
        }
        return try fileExtension == "npy"
            ? NPYReader.read(data, file: path) : JSONLVectorReader.read(data, file: path, field: field)
    }
}

/// Reads a 2-D float array from NumPy's `.npy` format.
///
/// The layout: the magic string "\x93NUMPY", a major and a minor version byte, the header length as a
/// little-endian u16 (version 1) or u32 (versions 2 and 3), then the header — a Python dict literal such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (100, 384), }` padded with spaces and ending in a
/// newline — then the data, row-major.
private enum NPYReader {
    private static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"

    /// - Complexity: O(data.count).
    static func read(_ data: Data, file: String) throws -> Matrix {
        let bytes = [UInt8](data.prefix(12))
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw AssayError(.input, file: file, "not a NumPy .npy file (it does not start with \\x93NUMPY)")
        }
        let major = bytes[6]
        let headerStart: Int
        let headerLength: Int
        switch major {
        case 1:
            headerStart = 10
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        case 2, 3:
            guard bytes.count >= 12 else { throw truncated(file) }
            headerStart = 12
            headerLength = (8..<12).reduce(0) { $0 | Int(bytes[$1]) << (8 * ($1 - 8)) }
        default:
            throw AssayError(
                .input, file: file,
                "is .npy format version \(major).\(bytes[7]); only versions 1.0, 2.0 and 3.0 are supported")
        }
        guard headerStart + headerLength <= data.count else { throw truncated(file) }
        let header = [UInt8](data[(data.startIndex + headerStart)..<(data.startIndex + headerStart + headerLength)])
        let fields: [String: PythonLiteral]
        do {
            var parser = PythonLiteralParser(header)
            guard case .dict(let dict) = try parser.parseHeader() else { throw PythonLiteralParser.Failure() }
            fields = dict
        } catch {
            throw AssayError(
                .input, file: file,
                "the .npy header is not a Python dict literal: \(String(decoding: header.prefix(120), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))"
            )
        }
        let itemSize = try elementSize(fields["descr"], file: file)
        guard case .bool(let fortranOrder) = fields["fortran_order"] else {
            throw AssayError(
                .input, file: file, field: "fortran_order", "the .npy header lacks a True/False fortran_order")
        }
        guard !fortranOrder else {
            throw AssayError(
                .input, file: file, field: "fortran_order",
                "the array is stored in Fortran (column-major) order; save it with np.save(path, np.ascontiguousarray(array))"
            )
        }
        let (rows, columns) = try shape(fields["shape"], file: file)
        let count = rows.multipliedReportingOverflow(by: columns)
        let byteCount = count.partialValue.multipliedReportingOverflow(by: itemSize)
        let dataStart = headerStart + headerLength
        guard !count.overflow, !byteCount.overflow else {
            throw AssayError(.input, file: file, field: "shape", "the shape (\(rows), \(columns)) is too large")
        }
        guard byteCount.partialValue == data.count - dataStart else {
            throw AssayError(
                .input, file: file,
                "the shape (\(rows), \(columns)) needs \(byteCount.partialValue) bytes of data but the file has \(data.count - dataStart); is it truncated?"
            )
        }
        var values = [Float](repeating: 0, count: count.partialValue)
        data.withUnsafeBytes { raw in
            if itemSize == 4 {
                for index in values.indices {
                    let bits = raw.loadUnaligned(fromByteOffset: dataStart + 4 * index, as: UInt32.self)
                    values[index] = Float(bitPattern: UInt32(littleEndian: bits))
                }
            } else {
                for index in values.indices {
                    let bits = raw.loadUnaligned(fromByteOffset: dataStart + 8 * index, as: UInt64.self)
                    values[index] = Float(Double(bitPattern: UInt64(littleEndian: bits)))
                }
            }
        }
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw AssayError(
                .input, file: file,
                "row \(index / columns + 1), column \(index % columns + 1) is \(values[index]), not a finite float32 number"
            )
        }
        return Matrix(rows: rows, columns: columns, values: values)
    }

    private static func truncated(_ file: String) -> AssayError {
        AssayError(.input, file: file, "the .npy file ends inside its header; is it truncated?")
    }

    /// 4 for `<f4`, 8 for `<f8`.
    private static func elementSize(_ descr: PythonLiteral?, file: String) throws -> Int {
        switch descr {
        case .string("<f4"): return 4
        case .string("<f8"): return 8
        case .string(let other):
            throw AssayError(
                .input, file: file, field: "descr",
                "the array has dtype '\(other)'; only little-endian float32 ('<f4') and float64 ('<f8') are supported; convert with array.astype('<f4')"
            )
        case .some:
            throw AssayError(
                .input, file: file, field: "descr",
                "the array has a structured dtype; only little-endian float32 ('<f4') and float64 ('<f8') are supported"
            )
        case nil:
            throw AssayError(.input, file: file, field: "descr", "the .npy header lacks the dtype ('descr')")
        }
    }

    /// (rows, dimension) from a 2-tuple of non-negative integers, with at least one row and one column.
    private static func shape(_ literal: PythonLiteral?, file: String) throws -> (rows: Int, columns: Int) {
        guard case .tuple(let items) = literal else {
            throw AssayError(.input, file: file, field: "shape", "the .npy header lacks a shape tuple")
        }
        let dimensions = items.compactMap { item -> Int? in
            if case .integer(let value) = item, value >= 0 { return value }
            return nil
        }
        guard dimensions.count == items.count else {
            throw AssayError(.input, file: file, field: "shape", "the shape is not a tuple of non-negative integers")
        }
        guard dimensions.count == 2 else {
            let shown =
                dimensions.count == 1
                ? "(\(dimensions[0]),)" : "(\(dimensions.map(String.init).joined(separator: ", ")))"
            throw AssayError(
                .input, file: file, field: "shape",
                "the array has shape \(shown); expected a 2-D array of shape (rows, dimension)")
        }
        guard dimensions[0] > 0 else {
            throw AssayError(.input, file: file, field: "shape", "the array holds no vectors")
        }
        guard dimensions[1] > 0 else {
            throw AssayError(.input, file: file, field: "shape", "the vectors have dimension 0")
        }
        return (dimensions[0], dimensions[1])
    }
}

/// The Python literals an `.npy` header uses.
private indirect enum PythonLiteral: Equatable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dict([String: PythonLiteral])
}

/// A recursive-descent parser for the Python literals of an `.npy` header: dicts with string keys, tuples,
/// lists, strings, integers, True, False and None.
private struct PythonLiteralParser {
    struct Failure: Error {}

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The one literal of the header, with only whitespace after it.
    ///
    /// - Complexity: O(header length).
    mutating func parseHeader() throws -> PythonLiteral {
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw Failure() }
        return value
    }

    private mutating func parseValue() throws -> PythonLiteral {
        skipWhitespace()
        guard index < bytes.count else { throw Failure() }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            return .dict(try parseDict())
        case UInt8(ascii: "("):
            return .tuple(try parseSequence(closing: UInt8(ascii: ")")))
        case UInt8(ascii: "["):
            return .list(try parseSequence(closing: UInt8(ascii: "]")))
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
            return .integer(try parseInteger())
        default:
            for (word, value) in [("True", PythonLiteral.bool(true)), ("False", .bool(false)), ("None", .none)]
            where bytes[index...].starts(with: word.utf8) {
                index += word.utf8.count
                return value
            }
            throw Failure()
        }
    }

    private mutating func parseDict() throws -> [String: PythonLiteral] {
        try enter()
        defer { depth -= 1 }
        index += 1
        var result: [String: PythonLiteral] = [:]
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw Failure() }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return result
            }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Failure() }
            index += 1
            result[key] = try parseValue()
            try separator(closing: UInt8(ascii: "}"))
        }
    }

    private mutating func parseSequence(closing: UInt8) throws -> [PythonLiteral] {
        try enter()
        defer { depth -= 1 }
        index += 1
        var result: [PythonLiteral] = []
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw Failure() }
            if bytes[index] == closing {
                index += 1
                return result
            }
            result.append(try parseValue())
            try separator(closing: closing)
        }
    }

    /// After an item: a comma, or the closing bracket (left for the caller to consume).
    private mutating func separator(closing: UInt8) throws {
        skipWhitespace()
        guard index < bytes.count else { throw Failure() }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
        } else if bytes[index] != closing {
            throw Failure()
        }
    }

    /// A quoted string without escapes (dtype names and keys need none).
    private mutating func parseString() throws -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\"") else {
            throw Failure()
        }
        let quote = bytes[index]
        let start = index + 1
        guard let end = bytes[start...].firstIndex(of: quote), !bytes[start..<end].contains(UInt8(ascii: "\\")) else {
            throw Failure()
        }
        index = end + 1
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// A decimal integer, with Python 2's `L` suffix for longs tolerated.
    private mutating func parseInteger() throws -> Int {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        guard let value = Int(String(decoding: bytes[start..<index], as: UTF8.self)) else { throw Failure() }
        if index < bytes.count, bytes[index] == UInt8(ascii: "L") { index += 1 }
        return value
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= 32 else { throw Failure() }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }
}

/// Reads vectors from JSON Lines: one object per line with an array of numbers under `field`.
private enum JSONLVectorReader {
    private struct Line: Decodable {
        let vector: [Double]

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: FieldKey.self)
            guard let userInfoKey = Line.fieldKey, let key = decoder.userInfo[userInfoKey] as? String,
                let field = FieldKey(stringValue: key)
            else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no field named")) }
            vector = try container.decode([Double].self, forKey: field)
        }

        /// Where `read` tells the decoder which field holds the numbers.
        static let fieldKey = CodingUserInfoKey(rawValue: "assay.vectorField")
    }

    private struct FieldKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// - Complexity: O(data.count).
    static func read(_ data: Data, file: String, field: String) throws -> Matrix {
        let decoder = JSONDecoder()
        if let key = Line.fieldKey { decoder.userInfo[key] = field }
        var values: [Float] = []
        var dimension = 0
        var firstLine = 0
        var rows = 0
        try data.withUnsafeBytes { raw in
            try JSONLines.forEachLine(in: raw.bindMemory(to: UInt8.self)) { line, lineNumber in
                let embedding: [Double]
                do {
                    embedding = try decoder.decode(Line.self, from: Data(line)).vector
                } catch let error as DecodingError {
                    throw describe(error, file: file, line: lineNumber, field: field)
                } catch {
                    throw AssayError(
                        .input, file: file, line: lineNumber, "malformed JSON; each line must be one JSON object")
                }
                guard !embedding.isEmpty else {
                    throw AssayError(
                        .input, file: file, line: lineNumber, field: field,
                        "is empty; expected an array of numbers")
                }
                if rows == 0 {
                    dimension = embedding.count
                    firstLine = lineNumber
                } else if embedding.count != dimension {
                    throw AssayError(
                        .input, file: file, line: lineNumber, field: field,
                        "has \(embedding.count) values but line \(firstLine) has \(dimension); every vector needs the same dimension"
                    )
                }
                for (offset, value) in embedding.enumerated() {
                    let single = Float(value)
                    guard single.isFinite else {
                        throw AssayError(
                            .input, file: file, line: lineNumber, field: field,
                            "value \(offset + 1) (\(value)) is outside the float32 range")
                    }
                    values.append(single)
                }
                rows += 1
            }
        }
        guard rows > 0 else {
            throw AssayError(
                .input, file: file, "the file holds no vectors; expected one {\"\(field)\": [...]} per line")
        }
        return Matrix(rows: rows, columns: dimension, values: values)
    }

    /// Turns JSONDecoder's error into one naming the line, the field and the offending value.
    private static func describe(_ error: DecodingError, file: String, line: Int, field: String) -> AssayError {
        func position(_ context: DecodingError.Context) -> String {
            guard context.codingPath.count >= 2, let index = context.codingPath[1].intValue else { return "" }
            return "value \(index + 1) "
        }
        switch error {
        case .keyNotFound:
            return AssayError(
                .input, file: file, line: line, field: field,
                "missing; each line needs \("aeiou".contains(field.first ?? "x") ? "an" : "a") `\(field)` array of numbers"
            )
        case .valueNotFound(_, let context):
            let subject = context.codingPath.count >= 2 ? position(context) + "is null" : "is null"
            return AssayError(
                .input, file: file, line: line, field: field, "\(subject); expected an array of numbers")
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return AssayError(
                .input, file: file, line: line,
                "expected a JSON object such as {\"\(field)\": [0.1, 0.2]}, found another JSON value")
        case .typeMismatch(_, let context):
            let subject = context.codingPath.count >= 2 ? position(context) + "is not a number" : "is not an array"
            return AssayError(
                .input, file: file, line: line, field: field, "\(subject); expected an array of numbers")
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return AssayError(
                .input, file: file, line: line, field: field,
                "\(position(context))is not a representable number; expected an array of numbers")
        default:
            return AssayError(
                .input, file: file, line: line, "malformed JSON; each line must be one JSON object")
        }
    }
}
