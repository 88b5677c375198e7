import Foundation

/// Checks JSON documents against a JSON Schema (draft 2020-12), for the keywords `reports/report.schema.json`
/// uses.
///
/// Supported: `type` (a name or a list of names; `integer` is any number without a fractional part), `enum`,
/// `const`, `properties`, `required`, `additionalProperties` (a boolean or a schema), `propertyNames`,
/// `minProperties`, `maxProperties`, `prefixItems`, `items`, `minItems`, `maxItems`, `minimum`, `maximum`,
/// `exclusiveMinimum`, `exclusiveMaximum`, `minLength`, `maxLength` (in Unicode scalars), `pattern` (unanchored,
/// ICU syntax), `$ref` to `#` or a JSON pointer into the same schema, `allOf`, `anyOf`, `oneOf`, boolean schemas,
/// and the annotations `$schema`, `$id` (at the root only), `$comment`, `title`, `description`, `$defs`,
/// `examples` and `default`. Any other keyword, a malformed keyword value or a `$ref` that does not resolve makes
/// `init(schema:)` throw, so that a schema can never pass a document on a rule this validator skipped. (A `$ref`
/// cycle that consumes no part of the document, such as `{"$ref": "#"}` at the root, would recurse without end; the
/// report schema has none.)
///
/// `JSONSerialization` hands back booleans and numbers alike as `NSNumber`, and on Linux `as? Bool` succeeds for
/// the numbers 0 and 1 too; booleans are told apart by their class (the one `NSNumber(value: true)` has).
public struct JSONSchemaValidator {
    /// The JSON Schema dialect the validator implements, which a schema's `$schema` must name.
    public static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// `<root>/reports/report.schema.json`, the schema of `report.json`.
    public static let reportSchemaURL: URL = TestPaths.packageRoot
        .appendingPathComponent("reports")
        .appendingPathComponent("report.schema.json")

    /// A schema this validator cannot apply.
    public struct SchemaError: Error, CustomStringConvertible {
        /// Where in the schema, as a URI fragment (`#/$defs/metricResult/properties/id`).
        public var location: String
        public var message: String

        public var description: String { "\(location): \(message)" }
    }

    private let root: SchemaNode
    /// Every subschema by its location (`#`, `#/$defs/count` …), for `$ref`.
    private let subschemas: [String: SchemaNode]

    /// Compiles `schema`, a JSON Schema document.
    ///
    /// - Throws: `SchemaError` for a keyword the validator does not know, a malformed keyword value or a `$ref`
    ///   that does not resolve; the error `JSONSerialization` throws when `schema` is not JSON.
    /// - Complexity: O(size of the schema).
    public init(schema: Data) throws {
        let object = try JSONSerialization.jsonObject(with: schema, options: [.fragmentsAllowed])
        var compiler = SchemaCompiler()
        root = try compiler.compile(object, at: [])
        subschemas = compiler.subschemas
        for (location, reference) in compiler.references where compiler.subschemas[reference] == nil {
            throw SchemaError(
                location: location,
                message: "$ref \"\(reference)\" does not resolve; only references to subschemas of this document work")
        }
    }

    /// The ways `document` breaks the schema, each as "JSON pointer: what is wrong"
    /// (`/metrics/3/by_class/positive/n: expected integer, got 1.5`); empty when it conforms.
    ///
    /// - Throws: the error `JSONSerialization` throws when `document` is not JSON.
    /// - Complexity: O(size of the document × nesting of `anyOf`/`oneOf` in the schema).
    public func validate(_ document: Data) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: document, options: [.fragmentsAllowed])
        return violations(of: JSONInstance(object), against: root, at: []).map(\.description)
    }

    /// The ways `report` (the bytes of a `report.json`) breaks `reports/report.schema.json`; empty when it conforms.
    ///
    /// - Throws: `SchemaError` when the schema itself is unusable; a read or parse error for the schema or the
    ///   report.
    public static func validateReport(_ report: Data) throws -> [String] {
        try JSONSchemaValidator(schema: Data(contentsOf: reportSchemaURL)).validate(report)
    }

    private func violations(of instance: JSONInstance, against node: SchemaNode, at path: [String]) -> [Violation] {
        switch node {
        case .boolean(true):
            return []
        case .boolean(false):
            return [Violation(path: path, message: "the schema allows no value here")]
        case .schema(let schema):
            return violations(of: instance, against: schema, at: path)
        }
    }

    private func violations(of instance: JSONInstance, against schema: Schema, at path: [String]) -> [Violation] {
        var found: [Violation] = []
        if let reference = schema.reference, let target = subschemas[reference] {
            found += violations(of: instance, against: target, at: path)
        }
        if let types = schema.types, !types.contains(where: instance.hasType) {
            found.append(
                Violation(
                    path: path, message: "expected \(Self.list(types, joinedBy: "or")), got \(instance.brief)",
                    expectedTypes: types, shapeDepth: path.count))
        }
        if let constant = schema.constant, instance != constant {
            found.append(Violation(path: path, message: "expected \(constant.brief), got \(instance.brief)"))
        }
        if let options = schema.options, !options.contains(instance) {
            found.append(
                Violation(
                    path: path,
                    message: "\(instance.brief) is not one of \(Self.list(options.map(\.brief), joinedBy: "or"))"))
        }
        switch instance {
        case .number(let number):
            found += numberViolations(number, against: schema, at: path)
        case .string(let string):
            found += stringViolations(string, against: schema, at: path)
        case .array(let elements):
            found += arrayViolations(elements, against: schema, at: path)
        case .object(let members):
            found += objectViolations(members, against: schema, at: path)
        case .null, .boolean:
            break
        }
        for branch in schema.allOf ?? [] {
            found += violations(of: instance, against: branch, at: path)
        }
        if let branches = schema.anyOf {
            let outcomes = branches.map { violations(of: instance, against: $0, at: path) }
            if !outcomes.contains(where: \.isEmpty) {
                found += Self.noMatch(outcomes, for: instance, keyword: "anyOf", at: path)
            }
        }
        if let branches = schema.oneOf {
            let outcomes = branches.map { violations(of: instance, against: $0, at: path) }
            let matching = outcomes.indices.filter { outcomes[$0].isEmpty }
            if matching.isEmpty {
                found += Self.noMatch(outcomes, for: instance, keyword: "oneOf", at: path)
            } else if matching.count > 1 {
                let numbers = matching.map { String($0 + 1) }.joined(separator: ", ")
                found.append(
                    Violation(
                        path: path,
                        message: "matches \(matching.count) of the oneOf alternatives (\(numbers)); exactly one must"))
            }
        }
        return found
    }

    private func numberViolations(_ number: JSONNumber, against schema: Schema, at path: [String]) -> [Violation] {
        var found: [Violation] = []
        func check(_ limit: Double?, _ passes: (Double, Double) -> Bool, _ words: String) {
            guard let limit, !passes(number.value, limit) else { return }
            found.append(Violation(path: path, message: "\(number.text) is \(words) \(JSONNumber.format(limit))"))
        }
        check(schema.minimum, >=, "less than the minimum")
        check(schema.maximum, <=, "greater than the maximum")
        check(schema.exclusiveMinimum, >, "not greater than the exclusive minimum")
        check(schema.exclusiveMaximum, <, "not less than the exclusive maximum")
        return found
    }

    private func stringViolations(_ string: String, against schema: Schema, at path: [String]) -> [Violation] {
        var found: [Violation] = []
        let length = string.unicodeScalars.count
        if let minimum = schema.minLength, length < minimum {
            found.append(Violation(path: path, message: "\(length) characters, fewer than the minimum \(minimum)"))
        }
        if let maximum = schema.maxLength, length > maximum {
            found.append(Violation(path: path, message: "\(length) characters, more than the maximum \(maximum)"))
        }
        if let pattern = schema.pattern {
            let range = NSRange(string.startIndex..<string.endIndex, in: string)
            if pattern.expression.firstMatch(in: string, range: range) == nil {
                found.append(
                    Violation(
                        path: path,
                        message: "\(JSONInstance.string(string).brief) does not match the pattern \(pattern.source)"))
            }
        }
        return found
    }

    private func arrayViolations(_ elements: [JSONInstance], against schema: Schema, at path: [String]) -> [Violation] {
        var found: [Violation] = []
        for (index, element) in elements.enumerated() {
            let node = index < schema.prefixItems.count ? schema.prefixItems[index] : schema.items
            if let node {
                found += violations(of: element, against: node, at: path + [String(index)])
            }
        }
        if let minimum = schema.minItems, elements.count < minimum {
            found.append(
                Violation(path: path, message: "\(Self.items(elements.count)), fewer than the minimum \(minimum)"))
        }
        if let maximum = schema.maxItems, elements.count > maximum {
            found.append(
                Violation(path: path, message: "\(Self.items(elements.count)), more than the maximum \(maximum)"))
        }
        return found
    }

    private func objectViolations(
        _ members: [String: JSONInstance], against schema: Schema, at path: [String]
    ) -> [Violation] {
        var found: [Violation] = []
        for name in schema.required where members[name] == nil {
            found.append(
                Violation(path: path, message: "missing required property \"\(name)\"", shapeDepth: path.count))
        }
        for name in members.keys.sorted() {
            guard let value = members[name] else { continue }
            let memberPath = path + [name]
            if let propertyNames = schema.propertyNames {
                for violation in violations(of: .string(name), against: propertyNames, at: memberPath) {
                    found.append(Violation(path: memberPath, message: "property name: \(violation.message)"))
                }
            }
            if let node = schema.properties[name] {
                found += violations(of: value, against: node, at: memberPath)
            } else if case .boolean(false) = schema.additionalProperties {
                found.append(
                    Violation(path: memberPath, message: "property not in the schema", shapeDepth: path.count))
            } else if let node = schema.additionalProperties {
                found += violations(of: value, against: node, at: memberPath)
            }
        }
        if let minimum = schema.minProperties, members.count < minimum {
            found.append(
                Violation(path: path, message: "\(members.count) properties, fewer than the minimum \(minimum)"))
        }
        if let maximum = schema.maxProperties, members.count > maximum {
            found.append(
                Violation(path: path, message: "\(members.count) properties, more than the maximum \(maximum)"))
        }
        return found
    }

    /// What to report when no alternative of an `anyOf` or `oneOf` matches.
    ///
    /// Alternatives the value does not even have the shape of (another type, a required property missing, a
    /// property the alternative does not have) are set aside: when one alternative is left, its own violations
    /// are reported, with their precise pointers; when every alternative only wants another type, one
    /// "expected A or B" violation; otherwise one violation that lists each alternative's.
    private static func noMatch(
        _ outcomes: [[Violation]], for instance: JSONInstance, keyword: String, at path: [String]
    ) -> [Violation] {
        let depth = path.count
        let wanted = outcomes.compactMap { outcome in
            outcome.count == 1 && outcome[0].shapeDepth == depth ? outcome[0].expectedTypes : nil
        }
        if wanted.count == outcomes.count {
            var union: [String] = []
            for type in wanted.joined() where !union.contains(type) { union.append(type) }
            return [
                Violation(
                    path: path, message: "expected \(list(union, joinedBy: "or")), got \(instance.brief)",
                    expectedTypes: union, shapeDepth: depth)
            ]
        }
        let plausible = outcomes.filter { outcome in !outcome.contains { $0.shapeDepth == depth } }
        if plausible.count == 1 {
            return plausible[0]
        }
        let details = outcomes.enumerated().map { index, outcome in
            "\(index + 1): " + outcome.prefix(3).map(\.description).joined(separator: "; ")
                + (outcome.count > 3 ? "; …" : "")
        }
        let shape = plausible.isEmpty ? depth : nil
        return [
            Violation(
                path: path,
                message: "matches none of the \(keyword) alternatives [\(details.joined(separator: " | "))]",
                shapeDepth: shape)
        ]
    }

    /// "a, b or c".
    private static func list(_ words: [String], joinedBy conjunction: String) -> String {
        guard let last = words.last else { return "" }
        guard words.count > 1 else { return last }
        return words.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }

    /// "1 item", "3 items".
    private static func items(_ count: Int) -> String {
        "\(count) item\(count == 1 ? "" : "s")"
    }
}

/// One way a value breaks the schema.
private struct Violation: CustomStringConvertible {
    /// The JSON pointer tokens of the offending value.
    var path: [String]
    var message: String
    /// The types a `type` keyword wanted, when that is the violation.
    var expectedTypes: [String]?
    /// Set when the violation says the value at this depth of `path` has the wrong shape for the schema (another
    /// type, a missing required property, a property the schema lacks): `anyOf` and `oneOf` use it to tell the
    /// alternative that was meant.
    var shapeDepth: Int?

    var description: String { "\(Self.pointer(path)): \(message)" }

    /// The JSON pointer (RFC 6901) of `path`, `(root)` for the document itself.
    static func pointer(_ path: [String]) -> String {
        guard !path.isEmpty else { return "(root)" }
        return path.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
            .joined()
    }
}

/// A compiled schema: a boolean schema or an object schema.
private indirect enum SchemaNode {
    case boolean(Bool)
    case schema(Schema)
}

/// An object schema's assertions; nil or empty where the schema has no such keyword.
private struct Schema {
    var types: [String]?
    var options: [JSONInstance]?
    var constant: JSONInstance?
    var properties: [String: SchemaNode] = [:]
    var required: [String] = []
    var additionalProperties: SchemaNode?
    var propertyNames: SchemaNode?
    var minProperties: Int?
    var maxProperties: Int?
    var prefixItems: [SchemaNode] = []
    var items: SchemaNode?
    var minItems: Int?
    var maxItems: Int?
    var minimum: Double?
    var maximum: Double?
    var exclusiveMinimum: Double?
    var exclusiveMaximum: Double?
    var minLength: Int?
    var maxLength: Int?
    var pattern: (source: String, expression: NSRegularExpression)?
    /// The `$ref`, as a key of `JSONSchemaValidator.subschemas`.
    var reference: String?
    var allOf: [SchemaNode]?
    var anyOf: [SchemaNode]?
    var oneOf: [SchemaNode]?
}

/// Turns a parsed schema document into `SchemaNode`s, checking every keyword.
private struct SchemaCompiler {
    static let typeNames: Set<String> = ["null", "boolean", "object", "array", "number", "integer", "string"]

    /// Every subschema by its location (`#`, `#/$defs/count` …).
    var subschemas: [String: SchemaNode] = [:]
    /// Each `$ref` by the location of the schema holding it.
    var references: [(location: String, target: String)] = []

    mutating func compile(_ value: Any, at location: [String]) throws -> SchemaNode {
        let here = Self.fragment(location)
        func fail(_ message: String) -> JSONSchemaValidator.SchemaError {
            JSONSchemaValidator.SchemaError(location: here, message: message)
        }
        if let number = value as? NSNumber, case .boolean(let flag) = JSONInstance(number) {
            subschemas[here] = .boolean(flag)
            return .boolean(flag)
        }
        guard let object = value as? [String: Any] else { throw fail("a schema must be an object or a boolean") }
        var schema = Schema()
        for keyword in object.keys.sorted() {
            guard let raw = object[keyword] else { continue }
            // Only the keywords that take plain values convert theirs; subschemas are compiled from `raw`.
            var instance: JSONInstance { JSONInstance(raw) }
            func string() throws -> String {
                guard case .string(let text) = instance else { throw fail("\(keyword) must be a string") }
                return text
            }
            func count() throws -> Int {
                guard case .number(let number) = instance, number.isInteger, number.value >= 0 else {
                    throw fail("\(keyword) must be a non-negative integer")
                }
                return Int(number.value)
            }
            func limit() throws -> Double {
                guard case .number(let number) = instance else { throw fail("\(keyword) must be a number") }
                return number.value
            }
            func subschemaList() throws -> [SchemaNode] {
                guard let list = raw as? [Any], !list.isEmpty else {
                    throw fail("\(keyword) must be a non-empty array")
                }
                return try list.enumerated().map { index, element in
                    try compile(element, at: location + [keyword, String(index)])
                }
            }
            switch keyword {
            case "$schema":
                guard location.isEmpty, try string() == JSONSchemaValidator.dialect else {
                    throw fail("$schema must be \"\(JSONSchemaValidator.dialect)\", at the root only")
                }
            case "$id":
                guard location.isEmpty else { throw fail("$id is supported at the root only") }
                _ = try string()
            case "$comment", "title", "description":
                _ = try string()
            case "examples":
                guard raw is [Any] else { throw fail("examples must be an array") }
            case "default":
                break
            case "$defs":
                guard let definitions = raw as? [String: Any] else { throw fail("$defs must be an object") }
                for name in definitions.keys.sorted() {
                    guard let definition = definitions[name] else { continue }
                    _ = try compile(definition, at: location + [keyword, name])
                }
            case "type":
                let names: [String]
                switch instance {
                case .string(let name): names = [name]
                case .array(let list):
                    names = try list.map { element in
                        guard case .string(let name) = element else { throw fail("type must list names") }
                        return name
                    }
                default: throw fail("type must be a name or an array of names")
                }
                guard !names.isEmpty, Set(names).count == names.count, names.allSatisfy(Self.typeNames.contains)
                else {
                    throw fail("type must name distinct types among \(Self.typeNames.sorted().joined(separator: ", "))")
                }
                schema.types = names
            case "enum":
                guard case .array(let options) = instance, !options.isEmpty else {
                    throw fail("enum must be a non-empty array")
                }
                schema.options = options
            case "const":
                schema.constant = instance
            case "properties":
                guard let properties = raw as? [String: Any] else { throw fail("properties must be an object") }
                for name in properties.keys.sorted() {
                    guard let property = properties[name] else { continue }
                    schema.properties[name] = try compile(property, at: location + [keyword, name])
                }
            case "required":
                guard case .array(let names) = instance else { throw fail("required must be an array of names") }
                schema.required = try names.map { element in
                    guard case .string(let name) = element else { throw fail("required must be an array of names") }
                    return name
                }
                guard Set(schema.required).count == schema.required.count else {
                    throw fail("required lists a name twice")
                }
            case "additionalProperties":
                schema.additionalProperties = try compile(raw, at: location + [keyword])
            case "propertyNames":
                schema.propertyNames = try compile(raw, at: location + [keyword])
            case "minProperties": schema.minProperties = try count()
            case "maxProperties": schema.maxProperties = try count()
            case "prefixItems": schema.prefixItems = try subschemaList()
            case "items":
                guard !(raw is [Any]) else { throw fail("items must be a schema; 2020-12 lists them in prefixItems") }
                schema.items = try compile(raw, at: location + [keyword])
            case "minItems": schema.minItems = try count()
            case "maxItems": schema.maxItems = try count()
            case "minLength": schema.minLength = try count()
            case "maxLength": schema.maxLength = try count()
            case "minimum": schema.minimum = try limit()
            case "maximum": schema.maximum = try limit()
            case "exclusiveMinimum": schema.exclusiveMinimum = try limit()
            case "exclusiveMaximum": schema.exclusiveMaximum = try limit()
            case "pattern":
                let source = try string()
                do {
                    schema.pattern = (source, try NSRegularExpression(pattern: source))
                } catch {
                    throw fail("pattern \"\(source)\" is not a regular expression")
                }
            case "$ref":
                let target = try string()
                guard target.hasPrefix("#") else {
                    throw fail("$ref \"\(target)\" is not a JSON pointer into this schema (#/…)")
                }
                let key = target.removingPercentEncoding ?? target
                schema.reference = key
                references.append((here, key))
            case "allOf": schema.allOf = try subschemaList()
            case "anyOf": schema.anyOf = try subschemaList()
            case "oneOf": schema.oneOf = try subschemaList()
            default:
                throw fail("unknown keyword \"\(keyword)\": this validator would not check it")
            }
        }
        subschemas[here] = .schema(schema)
        return .schema(schema)
    }

    /// `#` followed by the JSON pointer of `location`.
    static func fragment(_ location: [String]) -> String {
        "#"
            + location.map {
                "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            }
            .joined()
    }
}

/// A number as `JSONSerialization` parsed it.
private struct JSONNumber {
    var value: Double
    /// Whether the number has no fractional part (JSON Schema's `integer`: 1.0 is one).
    var isInteger: Bool
    /// The number as the document wrote it, near enough for messages.
    var text: String

    /// A limit from the schema, integers without a decimal point.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// A parsed JSON value, with booleans told apart from numbers.
private enum JSONInstance: Equatable {
    case null
    case boolean(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONInstance])
    case object([String: JSONInstance])

    /// The class `JSONSerialization` gives booleans (`__NSCFBoolean`); `as? Bool` cannot tell them from 0 and 1.
    private static let booleanClass = ObjectIdentifier(type(of: NSNumber(value: true)))

    /// `object` as `JSONSerialization` returns it (`NSNull`, `NSNumber`, `String`, arrays, dictionaries).
    init(_ object: Any) {
        switch object {
        case is NSNull:
            self = .null
        case let number as NSNumber:
            if ObjectIdentifier(type(of: number)) == Self.booleanClass {
                self = .boolean(number.boolValue)
            } else {
                let type = String(cString: number.objCType)
                let value = number.doubleValue
                let isInteger = ["d", "f"].contains(type) ? value.isFinite && value == value.rounded() : true
                self = .number(JSONNumber(value: value, isInteger: isInteger, text: number.stringValue))
            }
        case let string as String:
            self = .string(string)
        case let array as [Any]:
            self = .array(array.map(JSONInstance.init))
        case let dictionary as [String: Any]:
            self = .object(dictionary.mapValues(JSONInstance.init))
        default:
            self = .string(String(describing: object))
        }
    }

    /// Whether the value is of the JSON Schema type `name`.
    func hasType(_ name: String) -> Bool {
        switch (self, name) {
        case (.null, "null"), (.boolean, "boolean"), (.string, "string"), (.array, "array"), (.object, "object"),
            (.number, "number"):
            return true
        case (.number(let number), "integer"):
            return number.isInteger
        default:
            return false
        }
    }

    /// The value for a message: scalars as JSON (long strings cut), containers by kind.
    var brief: String {
        switch self {
        case .null: return "null"
        case .boolean(let flag): return String(flag)
        case .number(let number): return number.text
        case .string(let text):
            let escaped = text.prefix(60).replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
            return "\"\(escaped)\(text.count > 60 ? "…" : "")\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// JSON equality: numbers by value (1 equals 1.0), booleans never equal to numbers.
    static func == (a: JSONInstance, b: JSONInstance) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.boolean(let x), .boolean(let y)): return x == y
        case (.number(let x), .number(let y)): return x.value == y.value
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)): return x == y
        default: return false
        }
    }
}
