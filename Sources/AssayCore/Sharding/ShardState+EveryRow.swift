import Foundation

/// Every row of a state's files, in the order of their row numbers (`ShardState.shards`): what a sharded
/// report's exact duplicate and leakage measures count.
public struct EveryRow: Sendable, Equatable {
    /// Each row's `ExactKey.digest` of the text analysed.
    public var exactKeys: [UInt64]
    /// The same of the other part of chat or instruction rows; nil for plain texts.
    public var otherExactKeys: [UInt64]?
    /// Each row's label as an index into `labelNames`; nil for unlabelled data.
    public var labels: [Int32]?
    /// The labels of every file, sorted (the numbering `Corpus` gives a folder of the files).
    public var labelNames: [String]
    /// Each row's complexity counts, `RowMeasures.complexityWidth` per row; nil when a file has none.
    public var complexity: [UInt32]?
    /// The places each row names (`RowMeasures.places`); nil when a file has none.
    public var places: [[String]]?
    /// Each attribute field's value of each row, by field.
    public var attributes: [String: [String]]
    /// The groups each row mentions; nil when a file has none, or files of other lexicons.
    public var groups: RowGroups?
    /// Each row's words; nil when a file has none.
    public var words: RowWords?
    /// The same of the other part of chat or instruction rows; nil for plain texts or when a file has none.
    public var otherWords: RowWords?
    /// Each row's probability of each of the scorer's classes (`ShardSettings.scorer`), row after row; nil for a
    /// state not scored.
    public var probabilities: [Float]?
    /// The rows whose label the scorer's model does not find most probable, by their position among every row
    /// and their number across the files; nil for a state not scored.
    public var disagreeing: [ScoredRow]?
}

extension ShardState {
    /// The files' rows one after the other.
    ///
    /// - Parameter path: the state's file, for the error.
    /// - Throws: `AssayError(.input)` naming the file when a packed field does not hold its values for each row.
    /// - Complexity: O(rows).
    public func everyRow(path: String) throws -> EveryRow {
        let labelNames = Set(files.flatMap { $0.everyRow.labelNames ?? [] }).sorted()
        let labelIDs = Dictionary(uniqueKeysWithValues: labelNames.enumerated().map { ($1, Int32($0)) })
        // The rows' own attribute fields, and the columns derived from their texts (`RowMeasures.derivedAttributes`)
        // that every file keeps.
        let derived = files.map { Set(($0.everyRow.attributeValues ?? [:]).keys) }.reduce(nil) {
            (common: Set<String>?, fields) in common?.intersection(fields) ?? fields
        }
        let attributeFields = Set(settings.attributeFields).union(derived ?? []).sorted()
        var rows = EveryRow(
            exactKeys: [], otherExactKeys: settings.layout == nil ? nil : [],
            labels: settings.labelField == nil ? nil : [], labelNames: settings.labelField == nil ? [] : labelNames,
            complexity: files.allSatisfy { $0.everyRow.complexity != nil } ? [] : nil,
            places: files.allSatisfy { $0.everyRow.placeCounts != nil } ? [] : nil,
            attributes: Dictionary(uniqueKeysWithValues: attributeFields.map { ($0, []) }),
            groups: files.first.flatMap { first in
                guard let names = first.everyRow.groupNames, let terms = first.everyRow.groupTerms,
                    names.count == terms.count, names.count <= 32,
                    files.allSatisfy({
                        $0.everyRow.groupMasks != nil && $0.everyRow.groupNames == names
                            && $0.everyRow.groupTerms == terms
                    })
                else { return nil }
                return RowGroups(names: names, terms: terms, masks: [])
            },
            words: files.allSatisfy { $0.everyRow.words != nil } ? RowWords(types: [], counts: [], words: []) : nil,
            otherWords: settings.layout != nil && files.allSatisfy { $0.everyRow.otherWords != nil }
                ? RowWords(types: [], counts: [], words: []) : nil,
            probabilities: settings.scorer == nil ? nil : [], disagreeing: settings.scorer == nil ? nil : [])
        rows.exactKeys.reserveCapacity(self.rows)
        rows.complexity?.reserveCapacity(self.rows * RowMeasures.complexityWidth)
        // Where each file's rows start: among every row, and in the numbering across the files (`shards`).
        var (start, offset) = (0, 0)
        for file in files {
            defer { (start, offset) = (start + file.rows, offset + file.rowSpan) }
            let packed = file.everyRow
            func damaged(_ field: String, width: Int = 1) -> AssayError {
                let values = width == 1 ? "one value" : "\(width) values"
                return AssayError(
                    .input, file: path,
                    "is a damaged state file: every_row.\(field) of \(file.path) does not hold \(values) for each of its \(file.rows) rows; shard it again"
                )
            }
            guard let keys = ShardRows.unpack(packed.exactKeys, count: file.rows, as: UInt64.self) else {
                throw damaged("exact_keys")
            }
            rows.exactKeys += keys
            if rows.otherExactKeys != nil {
                guard let other = packed.otherExactKeys,
                    let keys = ShardRows.unpack(other, count: file.rows, as: UInt64.self)
                else { throw damaged("other_exact_keys") }
                rows.otherExactKeys? += keys
            }
            if rows.labels != nil {
                guard let labels = packed.labels, let names = packed.labelNames,
                    let ids = ShardRows.unpack(labels, count: file.rows, as: UInt32.self),
                    ids.allSatisfy({ Int($0) < names.count })
                else { throw damaged("labels") }
                // The file's own numbering, renumbered among every file's labels.
                let global = names.map { labelIDs[$0] ?? 0 }
                rows.labels? += ids.map { global[Int($0)] }
            }
            if rows.complexity != nil {
                guard let packed = packed.complexity,
                    let counts = ShardRows.unpack(
                        packed, count: file.rows * RowMeasures.complexityWidth, as: UInt32.self)
                else { throw damaged("complexity", width: RowMeasures.complexityWidth) }
                rows.complexity? += counts
            }
            if rows.places != nil {
                guard let counts = packed.placeCounts, let places = packed.places,
                    let rowPlaces = ShardRows.unpackPlaces(
                        counts: counts, places: places, names: packed.placeNames ?? [], rows: file.rows)
                else { throw damaged("places") }
                rows.places? += rowPlaces
            }
            if rows.groups != nil {
                guard let masks = packed.groupMasks.flatMap({ ShardRows.unpack($0, count: file.rows, as: UInt32.self) })
                else { throw damaged("group_masks") }
                rows.groups?.masks += masks
            }
            if rows.words != nil {
                guard let words = packed.words?.unpacked(rows: file.rows) else { throw damaged("words") }
                rows.words? += words
            }
            if rows.otherWords != nil {
                guard let words = packed.otherWords?.unpacked(rows: file.rows) else { throw damaged("other_words") }
                rows.otherWords? += words
            }
            if let classes = settings.scorer?.classes.count {
                guard let packedProbabilities = packed.probabilities,
                    let bits = ShardRows.unpack(packedProbabilities, count: file.rows * classes, as: UInt32.self)
                else { throw damaged("probabilities", width: classes) }
                rows.probabilities? += bits.map(Float.init(bitPattern:))
                guard let disagreeing = packed.disagreeing,
                    zip(disagreeing, disagreeing.dropFirst()).allSatisfy({ $0.index < $1.index }),
                    disagreeing.allSatisfy({ (0..<file.rows).contains($0.index) })
                else { throw damaged("disagreeing") }
                rows.disagreeing? += disagreeing.map {
                    ScoredRow(index: start + $0.index, row: offset + $0.row, text: $0.text)
                }
            }
            for field in attributeFields {
                guard let ids = packed.attributeValues?[field], let names = packed.attributeNames?[field],
                    let values = ShardRows.unpackColumn(ids: ids, names: names, rows: file.rows)
                else { throw damaged("attribute_values.\(field)") }
                rows.attributes[field]? += values
            }
        }
        return rows
    }
}
