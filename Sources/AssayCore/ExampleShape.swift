/// How a dataset's examples are laid out: one text, a conversation, or an instruction and its answer.
public enum ExampleShape: String, Sendable, Codable, CaseIterable {
    /// One text per row, from `--text-field`.
    case text
    /// A conversation of turns: OpenAI/Hugging Face `messages` or ShareGPT `conversations`.
    case chat
    /// An instruction (and input) with its output, or a prompt with its response.
    case instruction
}

/// What `--shape` asks for: a shape, or `auto` to tell it from the first row.
public enum ShapeChoice: String, Sendable, CaseIterable {
    case auto, text, chat, instruction
}

/// The two parts of a chat or instruction example.
public enum TextPart: String, Sendable, Codable, CaseIterable, Comparable {
    /// System and user turns (and tool results), or the instruction and its input.
    case prompt
    /// Assistant turns, or the output.
    case response

    /// The part that is not this one.
    public var other: TextPart { self == .prompt ? .response : .prompt }

    public static func < (lhs: TextPart, rhs: TextPart) -> Bool { lhs == .prompt && rhs == .response }
}

/// The field layout a chat or instruction dataset was read with.
public enum ShapeLayout: String, Sendable, Codable, CaseIterable {
    /// `messages: [{role, content}]` (OpenAI, Hugging Face chat templates).
    case messages
    /// `conversations: [{from, value}]` (ShareGPT; `human`, `gpt`).
    case sharegpt
    /// `instruction`, optional `input`, `output` (Alpaca).
    case alpaca
    /// `prompt` with `response` or `completion`.
    case promptResponse = "prompt_response"

    /// The shape the layout is a form of.
    public var shape: ExampleShape {
        switch self {
        case .messages, .sharegpt: .chat
        case .alpaca, .promptResponse: .instruction
        }
    }

    /// Every top-level field a layout reads or detects by: what a columnar reader must read when the
    /// layout is still to be detected.
    static let detectedFields: Set<String> = Set(allCases.flatMap(\.fields) + ["completion"])

    /// The fields the layout reads, for the report.
    public var fields: [String] {
        switch self {
        case .messages: ["messages"]
        case .sharegpt: ["conversations"]
        case .alpaca: ["instruction", "input", "output"]
        case .promptResponse: ["prompt", "response"]
        }
    }

    /// The layout of a record, among those of `shape` (any shaped layout when nil); nil when the
    /// record has none of them.
    static func detect(_ lookup: (FieldPath) -> FieldPath.Lookup, among shape: ExampleShape?) -> ShapeLayout? {
        func has(_ key: String) -> Bool { lookup(FieldPath(key: key)).isFound }
        let candidates = allCases.filter { shape == nil || $0.shape == shape }
        return candidates.first { layout in
            switch layout {
            case .messages: has("messages")
            case .sharegpt: has("conversations")
            case .alpaca: has("instruction") && has("output")
            case .promptResponse: has("prompt") && (has("response") || has("completion"))
            }
        }
    }
}

/// Who speaks a turn.
public enum TurnRole: String, Sendable, Codable, CaseIterable {
    case system, user, assistant, tool

    /// The role a `messages` `role` or ShareGPT `from` names; nil for an unknown one.
    init?(name: String) {
        switch name.lowercased() {
        case "system", "developer": self = .system
        case "user", "human": self = .user
        case "assistant", "gpt", "model", "chatgpt", "bard", "bing": self = .assistant
        case "tool", "function", "function_call", "observation", "ipython": self = .tool
        default: return nil
        }
    }

    /// The part of the example the turn belongs to: the assistant answers, every other turn is what
    /// it answers (tool results are input the assistant reads).
    var part: TextPart { self == .assistant ? .response : .prompt }

    /// The role's bit in a row's role mask.
    var bit: UInt8 {
        switch self {
        case .system: 1
        case .user: 2
        case .assistant: 4
        case .tool: 8
        }
    }
}

/// The prompt and response of every row of a chat or instruction dataset, and what its turns looked
/// like, as the loader read them.
public struct ShapedColumns: Sendable, Equatable {
    public let layout: ShapeLayout
    /// System, user and tool turns joined with a newline, or the instruction and (non-empty) input.
    public let prompts: [String]
    /// Assistant turns joined with a newline, or the output.
    public let responses: [String]
    /// The last non-blank user turn (chat) or the whole prompt (instruction): what a response that repeats its
    /// prompt would repeat.
    public let lastPrompts: [String]
    /// Turns in each row (an instruction example has 2, or 3 with a non-empty input).
    public let turns: [Int32]
    /// The roles present in each row, one bit per `TurnRole` in declaration order.
    public let roleMasks: [UInt8]
    /// Turns of each row whose content is empty, null or only whitespace.
    public let emptyTurns: [Int32]

    /// The texts of `part`.
    public func texts(_ part: TextPart) -> [String] { part == .prompt ? prompts : responses }

    /// Whether row `row` has a turn of `role`.
    public func has(_ role: TurnRole, row: Int) -> Bool { roleMasks[row] & role.bit != 0 }
}

/// Collects the parts of each row of a chat or instruction dataset.
struct ShapeExtractor {
    let layout: ShapeLayout
    /// The file being read, for messages (a shard's, when the dataset is a folder).
    var file: String
    var prompts: [String] = []
    var responses: [String] = []
    var lastPrompts: [String] = []
    var turns: [Int32] = []
    var roleMasks: [UInt8] = []
    var emptyTurns: [Int32] = []

    /// The texts of `part` read so far.
    func texts(_ part: TextPart) -> [String] { part == .prompt ? prompts : responses }

    var columns: ShapedColumns {
        ShapedColumns(
            layout: layout, prompts: prompts, responses: responses, lastPrompts: lastPrompts, turns: turns,
            roleMasks: roleMasks, emptyTurns: emptyTurns)
    }

    /// Reads one record's parts.
    ///
    /// - Throws: `AssayError` (`.input`) naming the line and the field path that is missing or of the
    ///   wrong kind.
    mutating func add(line: Int, lookup: (FieldPath) -> FieldPath.Lookup) throws {
        var turnsRead: [(role: TurnRole, text: String)] = []
        switch layout {
        case .messages, .sharegpt:
            let (listKey, roleKey, textKey) =
                layout == .messages ? ("messages", "role", "content") : ("conversations", "from", "value")
            guard case .found(let list) = lookup(FieldPath(key: listKey)) else {
                throw AssayError(
                    .input, file: file, line: line, field: listKey,
                    "missing, but the first row has it; every row of a \(layout.rawValue) dataset needs '\(listKey)'")
            }
            guard case .array(let items) = list else {
                throw AssayError(
                    .input, file: file, line: line, field: listKey,
                    "expected an array of turns, found \(list.kindDescription)")
            }
            for (index, item) in items.enumerated() {
                let at = "\(listKey)[\(index)]"
                guard case .object(let turn) = item else {
                    throw AssayError(
                        .input, file: file, line: line, field: at,
                        "expected a turn object with '\(roleKey)' and '\(textKey)', found \(item.kindDescription)")
                }
                guard case .string(let name)? = turn[roleKey] else {
                    throw AssayError(
                        .input, file: file, line: line, field: "\(at).\(roleKey)",
                        turn[roleKey].map { "expected a string, found \($0.kindDescription)" }
                            ?? "missing; every turn needs a '\(roleKey)'")
                }
                guard let role = TurnRole(name: name) else {
                    throw AssayError(
                        .input, file: file, line: line, field: "\(at).\(roleKey)",
                        "unknown role '\(name)'; expected system, user, assistant or tool (or ShareGPT's human, gpt)")
                }
                turnsRead.append((role, try content(turn[textKey], field: "\(at).\(textKey)", line: line)))
            }
        case .alpaca:
            let instruction = try string(lookup, "instruction", line: line, optional: false)
            let input = try string(lookup, "input", line: line, optional: true)
            turnsRead.append((.user, instruction))
            if !input.allSatisfy(\.isWhitespace) { turnsRead.append((.user, input)) }
            turnsRead.append((.assistant, try string(lookup, "output", line: line, optional: false)))
        case .promptResponse:
            turnsRead.append((.user, try string(lookup, "prompt", line: line, optional: false)))
            let key = lookup(FieldPath(key: "response")).isFound ? "response" : "completion"
            turnsRead.append((.assistant, try string(lookup, key, line: line, optional: false)))
        }
        func joined(_ part: TextPart) -> String {
            turnsRead.filter { $0.role.part == part && !$0.text.allSatisfy(\.isWhitespace) }.map(\.text)
                .joined(separator: "\n")
        }
        let prompt = joined(.prompt)
        prompts.append(prompt)
        responses.append(joined(.response))
        lastPrompts.append(
            layout.shape == .chat
                ? turnsRead.last(where: { $0.role == .user && !$0.text.allSatisfy(\.isWhitespace) })?.text ?? ""
                : prompt)
        turns.append(Int32(turnsRead.count))
        roleMasks.append(turnsRead.reduce(0) { $0 | $1.role.bit })
        emptyTurns.append(Int32(turnsRead.filter { $0.text.allSatisfy(\.isWhitespace) }.count))
    }

    /// A turn's text: a string, null (an assistant turn that only calls tools), or OpenAI's list of
    /// content parts, whose `text` parts are joined.
    private func content(_ value: JSONValue?, field: String, line: Int) throws -> String {
        switch value {
        case .string(let text)?: return text
        case .null?, nil: return ""
        case .array(let parts)?:
            return parts.compactMap { part -> String? in
                guard case .object(let object) = part, case .string(let text)? = object["text"] else { return nil }
                return text
            }.joined(separator: "\n")
        case let other?:
            throw AssayError(
                .input, file: file, line: line, field: field,
                "expected a string or a list of content parts, found \(other.kindDescription)")
        }
    }

    private func string(
        _ lookup: (FieldPath) -> FieldPath.Lookup, _ key: String, line: Int, optional: Bool
    ) throws -> String {
        switch lookup(FieldPath(key: key)) {
        case .found(.string(let text)): return text
        case .found(.null) where optional: return ""
        case .found(let other):
            throw AssayError(
                .input, file: file, line: line, field: key, "expected a string, found \(other.kindDescription)")
        default:
            if optional { return "" }
            throw AssayError(
                .input, file: file, line: line, field: key,
                "missing, but the first row has it; every row of a \(layout.rawValue) dataset needs '\(key)'")
        }
    }
}
