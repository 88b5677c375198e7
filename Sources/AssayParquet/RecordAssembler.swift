/// Rebuilds the values of top-level fields from their leaf columns' definition and repetition levels
/// (Melnik et al., "Dremel", VLDB 2010, section 4.3; parquet-format `LogicalTypes.md` for how LIST and
/// MAP groups are laid out, with its backward-compatibility rules for two-level lists).
struct RecordAssembler {
    private struct Leaf {
        let node: SchemaNode
        let data: ColumnData
        let converter: LeafConverter
        var nextValue = 0

        func definition(_ entry: Int) -> Int {
            node.definitionLevel == 0 ? 0 : Int(data.definitionLevels[entry])
        }

        func repetition(_ entry: Int) -> Int {
            node.repetitionLevel == 0 ? 0 : Int(data.repetitionLevels[entry])
        }
    }

    /// The leaves read, by leaf index.
    private var leaves: [Int: Leaf] = [:]

    mutating func add(_ leaf: SchemaNode, data: ColumnData) {
        guard let index = leaf.leafIndex else { return }
        leaves[index] = Leaf(node: leaf, data: data, converter: LeafConverter(leaf: leaf, values: data.values))
    }

    /// The value of `field`, a child of the root, in each of `rowCount` rows.
    ///
    /// - Throws: `ParquetError` when the levels do not describe `rowCount` rows consistently.
    mutating func assemble(_ field: SchemaNode, rowCount: Int, firstRow: Int) throws -> [ParquetValue] {
        var row = 0
        do {
            return try assemble(field, rowCount: rowCount, row: &row)
        } catch var error as ParquetError {
            if error.row == nil { error.row = firstRow + row + 1 }
            throw error
        }
    }

    /// `assemble(_:rowCount:firstRow:)` with the row being read in `row`, for errors.
    private mutating func assemble(_ field: SchemaNode, rowCount: Int, row current: inout Int) throws
        -> [ParquetValue]
    {
        var result: [ParquetValue] = []
        result.reserveCapacity(min(rowCount, 1 << 24))
        if field.isLeaf, field.repetitionLevel == 0, let index = field.leafIndex, var leaf = leaves[index] {
            // A flat column: one entry per row.
            guard leaf.data.entryCount == rowCount else { throw mismatch(field) }
            let top = field.definitionLevel
            for entry in 0..<rowCount {
                current = entry
                if leaf.definition(entry) == top {
                    guard leaf.nextValue < leaf.data.values.count else {
                        throw ParquetError.corrupt(
                            "the column has fewer values than its levels say", column: field.path)
                    }
                    result.append(try leaf.converter.value(at: leaf.nextValue))
                    leaf.nextValue += 1
                } else {
                    result.append(.null)
                }
            }
            leaves[index] = leaf
            return result
        }
        // Each leaf's entries split into rows where the repetition level is 0.
        var starts: [[Int]] = []
        for index in field.leafRange {
            guard let leaf = leaves[index] else { throw ParquetError(column: field.path, "a leaf column was not read") }
            var rowStarts: [Int] = []
            rowStarts.reserveCapacity(min(rowCount, leaf.data.entryCount) + 1)
            for entry in 0..<leaf.data.entryCount where leaf.repetition(entry) == 0 { rowStarts.append(entry) }
            guard rowStarts.count == rowCount else { throw mismatch(field) }
            rowStarts.append(leaf.data.entryCount)
            starts.append(rowStarts)
        }
        for row in 0..<rowCount {
            current = row
            let ranges = starts.map { $0[row]..<$0[row + 1] }
            if field.repetition == .repeated {
                result.append(.list(try elements(of: field, ranges).map { try content(of: field, $0) }))
            } else {
                result.append(try value(of: field, ranges))
            }
        }
        return result
    }

    private func mismatch(_ field: SchemaNode) -> ParquetError {
        ParquetError.corrupt("the column's levels do not add up to the row group's rows", column: field.path)
    }

    // Below, `ranges` always holds the entries of each leaf under the node at hand, in leaf order.

    /// The entries of `child`'s leaves among those of its parent `node`.
    private func slice(_ ranges: [Range<Int>], of node: SchemaNode, for child: SchemaNode) -> [Range<Int>] {
        let offset = node.leafRange.lowerBound
        return Array(ranges[(child.leafRange.lowerBound - offset)..<(child.leafRange.upperBound - offset)])
    }

    /// The first entry's definition level: how far down the path to the first leaf is defined.
    private func definition(of node: SchemaNode, _ ranges: [Range<Int>]) throws -> Int {
        guard let first = ranges.first, !first.isEmpty, let leaf = leaves[node.leafRange.lowerBound] else {
            throw ParquetError.corrupt("a nested value has no entries", column: node.path)
        }
        return leaf.definition(first.lowerBound)
    }

    /// The value of one occurrence of `node` (not repeated): null when it is not defined.
    private mutating func value(of node: SchemaNode, _ ranges: [Range<Int>]) throws -> ParquetValue {
        if try definition(of: node, ranges) < node.definitionLevel { return .null }
        return try content(of: node, ranges)
    }

    /// The value of an occurrence of `node` known to be defined.
    private mutating func content(of node: SchemaNode, _ ranges: [Range<Int>]) throws -> ParquetValue {
        if node.isLeaf, let index = node.leafIndex, var leaf = leaves[index] {
            guard try definition(of: node, ranges) == leaf.node.definitionLevel else { return .null }
            guard leaf.nextValue < leaf.data.values.count else {
                throw ParquetError.corrupt("the column has fewer values than its levels say", column: node.path)
            }
            let value = try leaf.converter.value(at: leaf.nextValue)
            leaf.nextValue += 1
            leaves[index] = leaf
            return value
        }
        if let repeated = node.children.first, node.children.count == 1, repeated.repetition == .repeated,
            node.logicalType == .list || node.logicalType == .map
        {
            let elements = try self.elements(of: repeated, slice(ranges, of: node, for: repeated))
            if node.logicalType == .map, repeated.children.count == 2 {
                var record: [String: ParquetValue] = [:]
                for element in elements {
                    let (keyNode, valueNode) = (repeated.children[0], repeated.children[1])
                    let key = try value(of: keyNode, slice(element, of: repeated, for: keyNode))
                    record[Self.keyText(key)] = try value(of: valueNode, slice(element, of: repeated, for: valueNode))
                }
                return .record(record)
            }
            return .list(try elements.map { try elementValue(repeated, $0) })
        }
        var record: [String: ParquetValue] = [:]
        for child in node.children {
            let childRanges = slice(ranges, of: node, for: child)
            if child.repetition == .repeated {
                let elements = try self.elements(of: child, childRanges)
                record[child.name] = .list(try elements.map { try content(of: child, $0) })
            } else {
                record[child.name] = try value(of: child, childRanges)
            }
        }
        return .record(record)
    }

    /// A list element: a repeated leaf itself, the one field of a three-level list's repeated group, or
    /// the repeated group as a record (a two-level list of records: named `array` or `*_tuple`, or with
    /// several fields).
    private mutating func elementValue(_ repeated: SchemaNode, _ ranges: [Range<Int>]) throws -> ParquetValue {
        if repeated.isLeaf { return try content(of: repeated, ranges) }
        if repeated.children.count == 1, repeated.name != "array", !repeated.name.hasSuffix("_tuple") {
            return try value(of: repeated.children[0], ranges)
        }
        return try content(of: repeated, ranges)
    }

    /// The occurrences of the repeated `node` within one occurrence of its parent: each leaf's entries split
    /// where the repetition level is at most the node's; none when the first entry's definition level
    /// stops short of the node.
    private func elements(of node: SchemaNode, _ ranges: [Range<Int>]) throws -> [[Range<Int>]] {
        if try definition(of: node, ranges) < node.definitionLevel { return [] }
        var perLeaf: [[Range<Int>]] = []
        for (offset, range) in ranges.enumerated() {
            guard let leaf = leaves[node.leafRange.lowerBound + offset] else {
                throw ParquetError(column: node.path, "a leaf column was not read")
            }
            var pieces: [Range<Int>] = []
            var start = range.lowerBound
            for entry in range.dropFirst() where leaf.repetition(entry) <= node.repetitionLevel {
                pieces.append(start..<entry)
                start = entry
            }
            pieces.append(start..<range.upperBound)
            perLeaf.append(pieces)
        }
        let count = perLeaf[0].count
        guard perLeaf.allSatisfy({ $0.count == count }) else {
            throw ParquetError.corrupt("the fields of a list's elements disagree in number", column: node.path)
        }
        return (0..<count).map { element in perLeaf.map { $0[element] } }
    }

    /// A map key as text: JSON object keys are strings.
    private static func keyText(_ key: ParquetValue) -> String {
        switch key {
        case .string(let text): text
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .bool(let value): String(value)
        case .null: "null"
        case .list, .record: "\(key)"
        }
    }
}
