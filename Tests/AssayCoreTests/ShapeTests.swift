import AssayTestSupport
import Foundation
import Testing

@testable import AssayCore

/// Chat and instruction rows split into a prompt and a response part, by the rules the README states:
/// system, user and tool turns make the prompt, assistant turns the response, each joined with a
/// newline, empty turns left out.
@Suite struct ShapeTests {
    static let chat = """
        {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi?"}, {"role": "assistant", "content": "Hello."}, {"role": "user", "content": "Weather?"}, {"role": "assistant", "content": "Sunny."}], "label": "a"}
        {"messages": [{"role": "user", "content": [{"type": "text", "text": "Look"}, {"type": "image_url", "image_url": {"url": "x"}}, {"type": "text", "text": "here"}]}, {"role": "assistant", "content": null}, {"role": "tool", "content": "42"}, {"role": "assistant", "content": "It is 42."}], "label": "b"}
        {"messages": [{"role": "user", "content": "  "}, {"role": "assistant", "content": "Nothing asked."}], "label": "a"}

        """

    @Test func messagesSplitIntoPromptAndResponse() throws {
        let corpus = try loadTemporaryFile(named: "chat.jsonl", text: Self.chat)
        let shape = try #require(corpus.shape)
        #expect(shape.layout == .messages && corpus.part == .response)
        #expect(shape.prompts == ["Be brief.\nHi?\nWeather?", "Look\nhere\n42", ""])
        #expect(shape.responses == ["Hello.\nSunny.", "It is 42.", "Nothing asked."])
        #expect(shape.lastPrompts == ["Weather?", "Look\nhere", ""])
        #expect(shape.turns == [5, 4, 2])
        #expect(shape.emptyTurns == [0, 1, 1])
        #expect(shape.has(.system, row: 0) && !shape.has(.tool, row: 0) && shape.has(.tool, row: 1))
        // Every family reads the response; the labels and row numbers are the file's.
        #expect(corpus.texts == shape.responses && corpus.textFields == ["messages"])
        #expect(corpus.labelNames == ["a", "b"] && corpus.rowNumbers == [1, 2, 3])
        let prompts = try #require(corpus.part(.prompt))
        #expect(prompts.texts == shape.prompts && prompts.part == .prompt && prompts.labels == corpus.labels)
        #expect(prompts.tokens.tokenRange(of: 0).count == 4)  // be, brief, hi, weather
    }

    @Test func judgingThePromptPutsItInTexts() throws {
        let corpus = try loadTemporaryFile(
            named: "chat.jsonl", text: Self.chat, fields: FieldOptions(judgedPart: .prompt))
        #expect(corpus.part == .prompt && corpus.texts == corpus.shape?.prompts)
    }

    @Test func eachLayoutOfTheFixturesIsRead() throws {
        let shareGPT = try DatasetLoader.load(path: TestPaths.fixture("shapes/sharegpt.jsonl"))
        #expect(shareGPT.shape?.layout == .sharegpt && shareGPT.count == 12)
        #expect(shareGPT.shape?.prompts.first == "How long should I rest a steak after grilling?")
        #expect(shareGPT.texts.first == "Rest the steak for five minutes.")
        // Alpaca: an empty input adds nothing; a non-empty one follows the instruction.
        let alpaca = try DatasetLoader.load(path: TestPaths.fixture("shapes/alpaca.jsonl"))
        #expect(alpaca.shape?.layout == .alpaca)
        #expect(alpaca.shape?.prompts[0] == "How long should I rest a steak after grilling?\nAnswer in one sentence.")
        #expect(alpaca.shape?.prompts[1] == "Can I freeze fresh basil?")
        #expect(alpaca.shape?.turns[0] == 3 && alpaca.shape?.turns[1] == 2)
        let pairs = try DatasetLoader.load(path: TestPaths.fixture("shapes/prompt_response.jsonl"))
        #expect(pairs.shape?.layout == .promptResponse && pairs.texts == shareGPT.texts)
        #expect(pairs.shape?.prompts == shareGPT.shape?.prompts)
    }

    @Test func instructionColumnsOfACSVFileAreAShapeToo() throws {
        let csv = "instruction,input,output\nAdd 2 and 2.,,4\nName a colour.,warm,Red\n"
        let corpus = try loadTemporaryFile(named: "tasks.csv", text: csv)
        #expect(corpus.shape?.layout == .alpaca)
        #expect(corpus.shape?.prompts == ["Add 2 and 2.", "Name a colour.\nwarm"] && corpus.texts == ["4", "Red"])
    }

    @Test func aTextFieldThatResolvesWinsOverDetection() throws {
        let corpus = try loadTemporaryFile(
            named: "chat.jsonl", text: Self.chat, fields: FieldOptions(textFields: ["messages[-1].content"]))
        #expect(corpus.shape == nil && corpus.texts == ["Sunny.", "It is 42.", "Nothing asked."])
        let plain = try loadTemporaryFile(
            named: "plain.jsonl", text: "{\"text\": \"a\", \"prompt\": \"b\", \"response\": \"c\"}\n")
        #expect(plain.shape == nil && plain.texts == ["a"])
        let forced = try loadTemporaryFile(
            named: "plain.jsonl", text: "{\"text\": \"a\", \"prompt\": \"b\", \"response\": \"c\"}\n",
            fields: FieldOptions(shape: .instruction))
        #expect(forced.shape?.layout == .promptResponse && forced.texts == ["c"])
    }

    @Test func badShapesAreOneLineErrorsNamingLineAndField() throws {
        let wrongShape = try #require(
            try loadFailure(named: "plain.jsonl", text: "{\"text\": \"a\"}\n", fields: FieldOptions(shape: .chat)))
        #expect(
            wrongShape.error.message
                == "--shape chat needs 'messages' (role, content) or 'conversations' (from, value); this row has 'text'"
        )
        #expect(wrongShape.error.line == 1 && wrongShape.error.exitCode == 3)

        let badRole = try #require(
            try loadFailure(
                named: "chat.jsonl",
                text: """
                    {"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]}
                    {"messages": [{"role": "user", "content": "a"}, {"role": "robot", "content": "b"}]}

                    """))
        #expect(badRole.error.line == 2 && badRole.error.field == "messages[1].role")
        #expect(badRole.error.message.hasPrefix("unknown role 'robot'"))

        let notAList = try #require(
            try loadFailure(
                named: "chat.jsonl",
                text: """
                    {"messages": [{"role": "user", "content": "a"}]}
                    {"messages": "hello"}

                    """))
        #expect(notAList.error.line == 2 && notAList.error.field == "messages")
        #expect(notAList.error.message == "expected an array of turns, found a string")

        let badContent = try #require(
            try loadFailure(
                named: "chat.jsonl", text: "{\"conversations\": [{\"from\": \"human\", \"value\": 7}]}\n"))
        #expect(badContent.error.field == "conversations[0].value")
        #expect(badContent.error.message == "expected a string or a list of content parts, found a number")

        let missingOutput = try #require(
            try loadFailure(
                named: "alpaca.jsonl",
                text: """
                    {"instruction": "a", "output": "b"}
                    {"instruction": "c"}

                    """))
        #expect(missingOutput.error.line == 2 && missingOutput.error.field == "output")
    }
}
