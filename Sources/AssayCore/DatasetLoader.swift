import Crypto
import Foundation

/// Reads a JSONL, CSV or TSV file into a `Corpus`, checking every record.
///
/// Every problem is an `AssayError` of kind `.input` naming the file, the 1-based line and the
/// field, with a sentence saying how to fix it; nothing is half-loaded.
public enum DatasetLoader {
    /// The longest line or record accepted, in bytes.
    public static let maxRecordBytes = 16 << 20

    /// Loads `path`, in the format its extension names.
    ///
    /// - Throws: `AssayError` (`.input`) for a missing or unreadable file, malformed records,
    ///   missing or mistyped fields, invalid UTF-8, over-long lines, or no rows at all.
    /// - Complexity: O(bytes of the file).
    public static func load(path: String, fields: FieldOptions = FieldOptions()) throws -> Corpus {
        try InputFile.checkRegular(path, expecting: "a .jsonl, .csv or .tsv file")
        guard let format = DatasetFormat(path: path) else {
            throw AssayError(
                .input, file: path,
                "cannot tell the format from the file name; name it .jsonl, .csv or .tsv")
        }
        let data = try read(path)
        var builder = ColumnBuilder(file: path, fields: fields)
        try data.withUnsafeBytes { raw in
            var bytes = UnsafeBufferPointer(start: raw.bindMemory(to: UInt8.self).baseAddress, count: raw.count)
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                bytes = UnsafeBufferPointer(rebasing: bytes[3...])
            }
            switch format {
            case .jsonl: try JSONLReader.read(bytes, into: &builder)
            case .csv: try DelimitedReader(delimiter: UInt8(ascii: ","), quoted: true).read(bytes, into: &builder)
            case .tsv: try DelimitedReader(delimiter: UInt8(ascii: "\t"), quoted: false).read(bytes, into: &builder)
            }
        }
        guard !builder.texts.isEmpty else {
            throw AssayError(.input, file: path, "the file has no rows; an empty dataset cannot be analysed")
        }
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let source = Corpus.Source(path: path, format: format, sha256: digest, byteCount: data.count)
        return Corpus(
            source: source, texts: builder.texts, textFields: fields.textFields, rowNumbers: builder.rowNumbers,
            labelField: builder.isLabelled == true ? fields.labelField : nil,
            labelValues: builder.isLabelled == true ? builder.labels : nil, attributes: builder.attributes,
            fieldTexts: builder.fieldTexts, notes: builder.notes)
    }

    private static func read(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw AssayError(
                .input, file: path, "cannot be read (\(error.localizedDescription)); check its permissions")
        }
    }
}

/// A field's value in one record, as the readers see it.
enum FieldValue {
    case missing
    case value(JSONValue)
}

/// Collects the columns of a corpus record by record, checking each field.
struct ColumnBuilder {
    let file: String
    let fields: FieldOptions
    var texts: [String] = []
    /// Each text field's own values, kept only when there are several (a single field is `texts`).
    var fieldTexts: [String: [String]] = [:]
    var rowNumbers: [Int] = []
    var labels: [String] = []
    var attributes: [String: [String]] = [:]
    /// Decided by the first record: whether it has the label field.
    var isLabelled: Bool?
    private var firstLine = 0
    /// The first line with a JSON boolean label, and the first with any other kind of label: booleans
    /// are labels only when every label is one.
    private var firstBooleanLabelLine: Int?
    private var firstOtherLabelLine: Int?

    /// What the report should say about how the data was read.
    var notes: [String] {
        guard firstBooleanLabelLine != nil, isLabelled == true else { return [] }
        return [
            "every label in '\(fields.labelField)' is a JSON boolean; they are read as the classes \"false\" and \"true\""
        ]
    }

    init(file: String, fields: FieldOptions) {
        self.file = file
        self.fields = fields
    }

    /// Adds one record.
    ///
    /// - Parameters:
    ///   - line: the 1-based line the record starts on, for messages.
    ///   - row: the row number findings will cite.
    ///   - keys: the record's field names, for messages.
    ///   - lookup: the value of a field.
    mutating func add(line: Int, row: Int, keys: () -> [String], lookup: (String) -> FieldValue) throws {
        var parts: [String] = []
        for field in fields.textFields {
            switch lookup(field) {
            case .missing:
                throw missingField(
                    field, line: line, keys: keys(), hint: "pass --text-field with the field that holds the text")
            case .value(.string(let text)):
                parts.append(text)
            case .value(let other):
                throw AssayError(
                    .input, file: file, line: line, field: field,
                    "expected a string, found \(other.kindDescription); the text field must hold text")
            }
        }
        let labelValue = lookup(fields.labelField)
        if isLabelled == nil {
            firstLine = line
            if case .missing = labelValue, !fields.labelFieldIsExplicit {
                isLabelled = false
            } else {
                isLabelled = true
            }
        }
        if isLabelled == true {
            labels.append(try label(labelValue, line: line, keys: keys))
            try checkLabelKind(labelValue, line: line)
        } else if case .value = labelValue {
            throw AssayError(
                .input, file: file, line: line, field: fields.labelField,
                "this row has a label but line \(firstLine) has none; give every row a label or none")
        }
        for field in fields.attributeFields {
            switch lookup(field) {
            case .missing:
                throw missingField(field, line: line, keys: keys(), hint: "every row needs each --attr-field")
            case .value(let value):
                guard let text = value.scalarText else {
                    throw AssayError(
                        .input, file: file, line: line, field: field,
                        "expected a string or number, found \(value.kindDescription)")
                }
                attributes[field, default: []].append(text)
            }
        }
        texts.append(parts.count == 1 ? parts[0] : parts.joined(separator: "\n"))
        if parts.count > 1 {
            for (field, part) in zip(fields.textFields, parts) { fieldTexts[field, default: []].append(part) }
        }
        rowNumbers.append(row)
    }

    private func label(_ value: FieldValue, line: Int, keys: () -> [String]) throws -> String {
        let field = fields.labelField
        switch value {
        case .missing:
            if line == firstLine {
                throw missingField(
                    field, line: line, keys: keys(), hint: "pass --label-field with the field that holds the label")
            }
            throw AssayError(
                .input, file: file, line: line, field: field,
                "missing, but line \(firstLine) has a label; give every row a label or none")
        case .value(.null):
            throw AssayError(.input, file: file, line: line, field: field, "null; every row needs a label")
        case .value(let value):
            guard let text = value.scalarText else {
                throw AssayError(
                    .input, file: file, line: line, field: field,
                    "expected a string or number, found \(value.kindDescription)")
            }
            guard !text.isEmpty else {
                throw AssayError(.input, file: file, line: line, field: field, "empty; every row needs a label")
            }
            guard text.contains(where: { !$0.isWhitespace }) else {
                throw AssayError(
                    .input, file: file, line: line, field: field,
                    "only whitespace (\(text.unicodeScalars.count) characters); every row needs a label")
            }
            return text
        }
    }

    /// A JSON `true` must not silently become the class "true" beside string labels: booleans are
    /// accepted only when every label is a boolean.
    private mutating func checkLabelKind(_ value: FieldValue, line: Int) throws {
        guard case .value(let label) = value else { return }
        if case .bool(let flag) = label {
            firstBooleanLabelLine = firstBooleanLabelLine ?? line
            if let other = firstOtherLabelLine {
                throw AssayError(
                    .input, file: file, line: line, field: fields.labelField,
                    "the boolean \(flag), but line \(other) has a string or number label; booleans are labels only "
                        + "when every label is one (write \"\(flag)\" in quotes to make it a class name)")
            }
        } else {
            firstOtherLabelLine = firstOtherLabelLine ?? line
            if let boolean = firstBooleanLabelLine {
                throw AssayError(
                    .input, file: file, line: line, field: fields.labelField,
                    "a string or number, but line \(boolean) has a boolean label; booleans are labels only when "
                        + "every label is one (quote the booleans to make them class names)")
            }
        }
    }

    private func missingField(_ field: String, line: Int, keys: [String], hint: String) -> AssayError {
        var message = "no such field"
        if let guess = TextChecks.closest(to: field, in: keys) {
            message += " (did you mean '\(guess)'?)"
        }
        message += "; this row has \(keys.isEmpty ? "no fields" : TextChecks.list(keys)); \(hint)"
        return AssayError(.input, file: file, line: line, field: field, message)
    }
}
