import AssayCore

/// How the chat or instruction examples of a run were split into a prompt and a response, and what
/// their turns looked like on each side.
public struct ShapeSummary: Codable, Sendable, Equatable {
    /// The part every family judges; the other part gets diversity, duplicates and leakage.
    public var judgedPart: TextPart
    public var original: ShapeSideSummary?
    public var synthetic: ShapeSideSummary?

    public init(judgedPart: TextPart, original: ShapeSideSummary?, synthetic: ShapeSideSummary?) {
        self.judgedPart = judgedPart
        self.original = original
        self.synthetic = synthetic
    }

    enum CodingKeys: String, CodingKey {
        case judgedPart = "judged_part"
        case original, synthetic
    }
}

/// The turns of one side's examples, counted.
public struct ShapeSideSummary: Codable, Sendable, Equatable {
    public var shape: ExampleShape
    public var layout: ShapeLayout
    public var rows: Int
    /// All turns of all rows.
    public var turns: Int
    /// Rows by their number of turns: "1" … "7", and "8+".
    public var turnCounts: [String: Int]
    /// Rows with at least one turn of each role (system, user, assistant, tool).
    public var rolesPresent: [String: Int]
    /// Turns whose content is empty, null or only whitespace.
    public var emptyTurns: Int
    /// Rows whose prompt part has no text.
    public var rowsWithoutPrompt: Int
    /// Rows whose response part has no text.
    public var rowsWithoutResponse: Int
    /// Rows whose response contains their last prompt turn in full (after normalisation).
    public var promptEchoes: Int

    public init(
        shape: ExampleShape, layout: ShapeLayout, rows: Int, turns: Int, turnCounts: [String: Int],
        rolesPresent: [String: Int], emptyTurns: Int, rowsWithoutPrompt: Int, rowsWithoutResponse: Int,
        promptEchoes: Int
    ) {
        self.shape = shape
        self.layout = layout
        self.rows = rows
        self.turns = turns
        self.turnCounts = turnCounts
        self.rolesPresent = rolesPresent
        self.emptyTurns = emptyTurns
        self.rowsWithoutPrompt = rowsWithoutPrompt
        self.rowsWithoutResponse = rowsWithoutResponse
        self.promptEchoes = promptEchoes
    }

    enum CodingKeys: String, CodingKey {
        case shape, layout, rows, turns
        case turnCounts = "turn_counts"
        case rolesPresent = "roles_present"
        case emptyTurns = "empty_turns"
        case rowsWithoutPrompt = "rows_without_prompt"
        case rowsWithoutResponse = "rows_without_response"
        case promptEchoes = "prompt_echoes"
    }
}
