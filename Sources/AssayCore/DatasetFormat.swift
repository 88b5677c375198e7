/// The file formats Assay reads.
public enum DatasetFormat: String, Sendable, Codable, CaseIterable {
    /// One JSON object per line (`.jsonl`, `.ndjson`, or a `.json` file that is not an array).
    case jsonl
    /// One JSON array of objects (`.json`).
    case json
    /// RFC 4180 comma-separated values with a header row (`.csv`).
    case csv
    /// Tab-separated values with a header row and no quoting (`.tsv`, `.tab`).
    case tsv
    /// Apache Parquet (`.parquet`): only the columns a run needs are read, a row group at a time.
    case parquet

    /// The format a file name's extension names, or nil.
    public init?(path: String) {
        let name = path.lowercased()
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") || name.hasSuffix(".json") {
            self = .jsonl
        } else if name.hasSuffix(".csv") {
            self = .csv
        } else if name.hasSuffix(".tsv") || name.hasSuffix(".tab") {
            self = .tsv
        } else if name.hasSuffix(".parquet") {
            self = .parquet
        } else {
            return nil
        }
    }
}

/// Which fields of a dataset hold the text, the label and the attributes.
public struct FieldOptions: Sendable, Equatable {
    /// The fields holding the text; several are joined with a newline (sentence pairs).
    public var textFields: [String]
    /// The label field.
    public var labelField: String
    /// Whether the user named the label field; if not, a dataset without it is unlabelled.
    public var labelFieldIsExplicit: Bool
    /// Attribute fields (region, style, source …).
    public var attributeFields: [String]
    /// Whether rows are plain texts, conversations or instructions. `auto` tells from the first row,
    /// and only when the text field is the default `text` and that row has none: a text field the
    /// user names is read as text (or is an error), never replaced by a detected layout.
    public var shape: ShapeChoice
    /// The part of a chat or instruction example that every family judges (`texts` of the corpus);
    /// the other part gets diversity and duplicates only.
    public var judgedPart: TextPart

    /// The text field read when none is named.
    public static let defaultTextFields = ["text"]

    /// Whether a chat or instruction layout may be detected: `--shape auto` and no text field named.
    var detectsShape: Bool { shape == .auto && textFields == Self.defaultTextFields }

    public init(
        textFields: [String] = FieldOptions.defaultTextFields, labelField: String = "label",
        labelFieldIsExplicit: Bool = false,
        attributeFields: [String] = [], shape: ShapeChoice = .auto, judgedPart: TextPart = .response
    ) {
        self.textFields = textFields
        self.labelField = labelField
        self.labelFieldIsExplicit = labelFieldIsExplicit
        self.attributeFields = attributeFields
        self.shape = shape
        self.judgedPart = judgedPart
    }
}
