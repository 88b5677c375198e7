/// Where a field lives inside a record: keys separated by dots and array indices in brackets, an index
/// below zero counting from the end (`meta.source`, `messages[-1].content`, `conversations[0].value`).
///
/// A record key that is the whole path, dots and all, wins over the path (a flat `"meta.source"` column
/// stays readable), and in CSV and TSV files a path is only ever a column name.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The path as written.
    public let text: String
    public let components: [Component]

    /// Parses `text`.
    ///
    /// - Throws: `AssayError` (`.usage`) naming `option` for an empty key, an unclosed bracket or an
    ///   index that is not a whole number.
    public init(_ text: String, option: String = "field") throws {
        self.text = text
        var components: [Component] = []
        var rest = Substring(text)
        func fail(_ problem: String) -> AssayError {
            AssayError(
                .usage, field: option,
                "'\(text)' is not a field path: \(problem); write keys with dots and indices in brackets, e.g. messages[-1].content"
            )
        }
        while true {
            let key = rest.prefix { $0 != "." && $0 != "[" && $0 != "]" }
            guard !key.isEmpty else { throw fail(rest.isEmpty ? "it ends without a key" : "a key is empty") }
            components.append(.key(String(key)))
            rest = rest.dropFirst(key.count)
            while rest.first == "[" {
                guard let close = rest.firstIndex(of: "]") else { throw fail("a '[' is not closed") }
                let digits = rest[rest.index(after: rest.startIndex)..<close]
                guard let index = Int(digits) else { throw fail("'[\(digits)]' is not a whole-number index") }
                components.append(.index(index))
                rest = rest[rest.index(after: close)...]
            }
            if rest.isEmpty { break }
            guard rest.first == "." else { throw fail("'\(rest.prefix(1))' where a '.' or '[' should be") }
            rest = rest.dropFirst()
        }
        self.components = components
    }

    /// The path of one plain key.
    public init(key: String) {
        text = key
        components = [.key(key)]
    }

    public var description: String { text }

    /// Whether the path is one plain key.
    public var isPlainKey: Bool { components.count == 1 }

    /// The value at the path in `record`, or why there is none.
    ///
    /// - Complexity: O(components), plus O(keys) of an object to suggest a key when one is missing.
    public func resolve(in record: [String: JSONValue]) -> Lookup {
        if let whole = record[text] { return .found(whole) }
        var value = JSONValue.object(record)
        var walked = ""
        for component in components {
            switch (component, value) {
            case (.key(let key), .object(let object)):
                guard let next = object[key] else {
                    return .missing(part: key, within: walked, keys: object.keys.sorted())
                }
                value = next
                walked += walked.isEmpty ? key : ".\(key)"
            case (.index(let index), .array(let array)):
                let position = index < 0 ? array.count + index : index
                guard array.indices.contains(position) else {
                    return .outOfRange(index: index, within: walked, count: array.count)
                }
                value = array[position]
                walked += "[\(index)]"
            case (.key(let key), _):
                return .wrongKind(part: key, within: walked, found: value.kindDescription, expected: "an object")
            case (.index(let index), _):
                return .wrongKind(
                    part: "[\(index)]", within: walked, found: value.kindDescription, expected: "an array")
            }
        }
        return .found(value)
    }

    /// What resolving a path found.
    public enum Lookup: Sendable, Equatable {
        case found(JSONValue)
        /// No key `part` in the object at `within` ("" for the record itself), which has `keys`.
        case missing(part: String, within: String, keys: [String])
        /// Index `index` is outside the `count` elements of the array at `within`.
        case outOfRange(index: Int, within: String, count: Int)
        /// The value at `within` is `found` ("a string") where `part` needs `expected`.
        case wrongKind(part: String, within: String, found: String, expected: String)

        /// Whether there is a value (null included).
        public var isFound: Bool {
            if case .found = self { return true }
            return false
        }
    }
}
