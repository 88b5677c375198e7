/// A node of a Parquet schema as a tree, with the definition and repetition levels Dremel assigns it
/// (Melnik et al., "Dremel: Interactive Analysis of Web-Scale Datasets", VLDB 2010): the number of
/// optional or repeated nodes on its path, and of repeated ones, the root excluded.
final class SchemaNode {
    let name: String
    let repetition: Repetition
    let physicalType: PhysicalType?
    let typeLength: Int
    let logicalType: LogicalType?
    let children: [SchemaNode]
    let definitionLevel: Int
    let repetitionLevel: Int
    /// The dotted path from the root, for messages (`messages.list.element.content`).
    let path: String
    /// For a leaf, its column's position among the leaves (the column chunks' order).
    let leafIndex: Int?
    /// The positions of the leaves under this node (itself, for a leaf): contiguous, as the schema is
    /// depth-first.
    let leafRange: Range<Int>

    private init(
        element: SchemaElement, children: [SchemaNode], definitionLevel: Int, repetitionLevel: Int, path: String,
        leafIndex: Int?, leafRange: Range<Int>
    ) {
        name = element.name
        repetition = element.repetition
        physicalType = element.type
        typeLength = Int(element.typeLength ?? 0)
        logicalType = element.logicalType
        self.children = children
        self.definitionLevel = definitionLevel
        self.repetitionLevel = repetitionLevel
        self.path = path
        self.leafIndex = leafIndex
        self.leafRange = leafRange
    }

    var isLeaf: Bool { children.isEmpty && physicalType != nil }

    /// The leaves under this node (itself, for a leaf), in column order.
    var leaves: [SchemaNode] {
        isLeaf ? [self] : children.flatMap(\.leaves)
    }

    /// The tree of the flattened, depth-first `elements` (the first is the root).
    ///
    /// - Throws: `ParquetError` when the child counts do not add up or a leaf has no type.
    static func tree(_ elements: [SchemaElement]) throws -> SchemaNode {
        guard let root = elements.first else { throw ParquetError.corrupt("the schema is empty") }
        var next = 1
        var leafCount = 0
        func build(_ element: SchemaElement, definition: Int, repetition: Int, path: String, depth: Int) throws
            -> SchemaNode
        {
            guard depth < 100 else { throw ParquetError.corrupt("the schema nests too deep") }
            var children: [SchemaNode] = []
            let firstLeaf = leafCount
            guard element.childCount >= 0, Int(element.childCount) <= elements.count - next else {
                throw ParquetError.corrupt("the schema's child counts do not add up")
            }
            for _ in 0..<Int(element.childCount) {
                guard next < elements.count else {
                    throw ParquetError.corrupt("the schema's child counts do not add up")
                }
                let child = elements[next]
                next += 1
                let childDefinition = definition + (child.repetition == .required ? 0 : 1)
                let childRepetition = repetition + (child.repetition == .repeated ? 1 : 0)
                children.append(
                    try build(
                        child, definition: childDefinition, repetition: childRepetition,
                        path: path.isEmpty ? child.name : path + "." + child.name, depth: depth + 1))
            }
            var leafIndex: Int?
            if element.childCount == 0, depth > 0 {
                guard element.type != nil else {
                    throw ParquetError(column: path, "is a group without fields; the file's schema is malformed")
                }
                leafIndex = leafCount
                leafCount += 1
            }
            return SchemaNode(
                element: element, children: children, definitionLevel: definition, repetitionLevel: repetition,
                path: path, leafIndex: leafIndex, leafRange: firstLeaf..<leafCount)
        }
        let tree = try build(root, definition: 0, repetition: 0, path: "", depth: 0)
        guard next == elements.count else { throw ParquetError.corrupt("the schema's child counts do not add up") }
        return tree
    }
}
