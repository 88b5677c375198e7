import Foundation
import Testing

@testable import AssayCore

/// Field paths: parsing, resolving inside a record, and loading nested data through them.
@Suite struct FieldPathTests {
    @Test func pathsParseIntoKeysAndIndices() throws {
        #expect(try FieldPath("text").components == [.key("text")])
        #expect(try FieldPath("meta.source").components == [.key("meta"), .key("source")])
        #expect(try FieldPath("messages[-1].content").components == [.key("messages"), .index(-1), .key("content")])
        #expect(try FieldPath("grid[0][2]").components == [.key("grid"), .index(0), .index(2)])
        #expect(try FieldPath("conversations[0].value").isPlainKey == false)
    }

    @Test(arguments: [
        ("", "it ends without a key"),
        ("meta.", "it ends without a key"),
        ("a..b", "a key is empty"),
        ("messages[1", "a '[' is not closed"),
        ("messages[x].content", "'[x]' is not a whole-number index"),
        ("messages[1]content", "'c' where a '.' or '[' should be"),
        ("[0].text", "a key is empty"),
    ])
    func malformedPathsAreUsageErrorsSayingWhy(path: String, problem: String) {
        #expect {
            _ = try FieldPath(path, option: "--text-field")
        } throws: { error in
            guard let error = error as? AssayError else { return false }
            return error.kind == .usage && error.field == "--text-field"
                && error.message.hasPrefix("'\(path)' is not a field path: \(problem);")
        }
    }

    static let chat: [String: JSONValue] = [
        "messages": .array([
            .object(["role": "system", "content": "Be brief."]),
            .object(["role": "user", "content": "Capital of France?"]),
            .object(["role": "assistant", "content": "Paris."]),
        ]),
        "meta": .object(["source": "gpt", "turns": 3]),
        "meta.source": "flat",
    ]

    @Test func pathsResolveKeysIndicesFromEitherEndAndAWholeKeyFirst() throws {
        func value(_ path: String) throws -> FieldPath.Lookup { try FieldPath(path).resolve(in: Self.chat) }
        #expect(try value("messages[-1].content") == .found("Paris."))
        #expect(try value("messages[0].role") == .found("system"))
        #expect(try value("messages[-3].content") == .found("Be brief."))
        #expect(try value("meta.turns") == .found(3))
        #expect(try value("meta.source") == .found("flat"), "a key that is the whole path wins")
        #expect(try value("meta.sourse") == .missing(part: "sourse", within: "meta", keys: ["source", "turns"]))
        #expect(try value("messages[3].content") == .outOfRange(index: 3, within: "messages", count: 3))
        #expect(try value("messages[-4].content") == .outOfRange(index: -4, within: "messages", count: 3))
        #expect(
            try value("messages.content")
                == .wrongKind(part: "content", within: "messages", found: "an array", expected: "an object"))
        #expect(
            try value("meta.turns[0]")
                == .wrongKind(part: "[0]", within: "meta.turns", found: "a number", expected: "an array"))
    }

    static let nested = """
        {"messages": [{"role": "user", "content": "Hi?"}, {"role": "assistant", "content": "Hello."}], "meta": {"source": "a", "label": "greet"}}
        {"messages": [{"role": "user", "content": "Bye?"}, {"role": "assistant", "content": "Goodbye."}], "meta": {"source": "b", "label": "part"}}

        """

    @Test func nestedFieldsLoadLikeTheSameDataWrittenFlat() throws {
        let nested = try loadTemporaryFile(
            named: "chat.jsonl", text: Self.nested,
            fields: FieldOptions(
                textFields: ["messages[-1].content"], labelField: "meta.label", labelFieldIsExplicit: true,
                attributeFields: ["meta.source"]))
        let flat = try loadTemporaryFile(
            named: "flat.jsonl",
            text: """
                {"text": "Hello.", "label": "greet", "source": "a"}
                {"text": "Goodbye.", "label": "part", "source": "b"}

                """, fields: FieldOptions(attributeFields: ["source"]))
        #expect(nested.texts == flat.texts && nested.texts == ["Hello.", "Goodbye."])
        #expect(nested.labels == flat.labels && nested.labelNames == ["greet", "part"])
        #expect(nested.labelField == "meta.label")
        #expect(nested.attributes == ["meta.source": ["a", "b"]])
        #expect(nested.rowNumbers == [1, 2])
    }

    @Test(arguments: [
        (
            "messages[-1].contnt",
            "messages[-1].contnt: no key 'contnt' in 'messages[-1]' (did you mean 'content'?); it has 'content', 'role'; pass --text-field with the field that holds the text"
        ),
        (
            "messages[2].content",
            "messages[2].content: 'messages' has 2 elements, so [2] is out of range; pass --text-field with the field that holds the text"
        ),
        (
            "meta.source.name",
            "meta.source.name: 'meta.source' is a string, not an object, so it has no 'name'; pass --text-field with the field that holds the text"
        ),
        (
            "mesages[0].content",
            "mesages[0].content: no such field (did you mean 'messages'?); this row has 'messages', 'meta'; pass --text-field with the field that holds the text"
        ),
        (
            "messages",
            "messages: expected a string, found an array of 2 objects (a conversation?); name one turn's text, e.g. messages[-1].content"
        ),
    ])
    func aPathThatLeadsNowhereNamesThePartThatFailed(path: String, message: String) throws {
        let failure = try #require(
            try loadFailure(named: "chat.jsonl", text: Self.nested, fields: FieldOptions(textFields: [path])))
        #expect(failure.error.description == "\(failure.path):1: \(message)")
        #expect(failure.error.exitCode == 3)
    }

    @Test func aCSVHeaderIsReadAsFlatColumnNames() throws {
        let corpus = try loadTemporaryFile(
            named: "data.csv", text: "meta.text,label\nHello.,a\nBye.,b\n",
            fields: FieldOptions(textFields: ["meta.text"]))
        #expect(corpus.texts == ["Hello.", "Bye."])
    }
}
