import Foundation
import Testing

@testable import AssayGenerate

/// AttrPrompt's first step: the LLM proposes attribute values; and new values for a low-diversity class.
@Suite struct AttributeProposerTests {
    static func spec() throws -> TaskSpec {
        try TaskSpec.parse(
            """
            task: News headlines.
            classes:
              - name: sports
                description: games and players
                attributes: { sport: { propose: 3 } }
              - business
            attributes: { location: [Europe, Asia] }
            count_per_class: 2
            backend: { base_url: "http://127.0.0.1:1/v1", model: tiny }
            seed: 5
            """, path: "t.yml")
    }

    @Test func theProposeRequestNamesTheClassTheDimensionAndWhatItHas() throws {
        let spec = try Self.spec()
        let request = AttributeProposer.request(spec, dimension: "location", of: "sports", count: 2, round: 1)
        #expect(
            request.messages[0].content == """
                Task: News headlines.
                The classes are: sports, business.
                Name 2 different values of the attribute "location" for examples of the class "sports".
                The class means: games and players
                Values it has already, not to repeat: Europe, Asia
                Each value is a few words. Answer with a JSON object whose key "values" lists them.
                """)
        #expect(request.maxTokens == 16 * 2 + 32)
        #expect(
            String(decoding: try request.body(), as: UTF8.self).contains(
                #""schema":{"properties":{"values":{"items":{"maxLength":40,"minLength":1,"type":"string"},"maxItems":2,"minItems":2,"type":"array"}},"required":["values"],"type":"object"}"#
            ))
        let global = AttributeProposer.request(spec, dimension: "tone", of: nil, count: 3, round: 0)
        #expect(
            !global.messages[0].content.contains("The class means")
                && !global.messages[0].content.contains("not to repeat"),
            "no class and no values yet: those lines are left out")
    }

    @Test func valuesAreReadFromJSONOrLines() {
        #expect(
            AttributeProposer.values(in: #"{"values": ["Tennis", "golf.", "tennis", "", "a b c d e f"]}"#, count: 5)
                == ["Tennis", "golf"], "duplicates (case aside), empty and over-long values are dropped")
        #expect(AttributeProposer.values(in: "1. Rugby\n- \"Cricket\"\n* Sailing\n", count: 2) == ["Rugby", "Cricket"])
        #expect(AttributeProposer.values(in: #"{"sports": ["judo"]}"#, count: 3) == ["judo"], "an object's only list")
        #expect(AttributeProposer.values(in: "rugby, cricket, sailing.", count: 3) == ["rugby", "cricket", "sailing"])
        #expect(AttributeProposer.values(in: "I'm sorry, I cannot list sports.", count: 3).isEmpty)
        // What SmolLM2-135M answers: the placeholder of the instructions, the class's own name.
        #expect(
            AttributeProposer.values(
                in: #"{ "values": ["<value1>", "Sports", "players"] }"#, count: 3, echoes: ["sports", "sport"])
                == ["players"])
        #expect(AttributeProposer.values(in: "I do not know any sports at all", count: 3).isEmpty, "seven words")
    }

    @Test func proposedDimensionsAreFilledBeforeTheFirstRound() async throws {
        let spec = try Self.spec()
        let client = ScriptedClient([#"{"values": ["football", "tennis", "Football", "rowing", "golf"]}"#])
        let resolved = try await AttributeProposer(client: client, jsonMode: JSONMode()).resolve(spec, concurrency: 1)
        #expect(resolved.proposals.isEmpty)
        #expect(
            resolved.dimensions(of: "sports").map(\.name) == ["location", "sport"]
                && resolved.dimensions(of: "sports")[1].values == ["football", "tennis", "rowing"])
        #expect(resolved.dimensions(of: "business").map(\.name) == ["location"])
        #expect(client.asked.first?.responseFormat?.type == "json_object")
        #expect(resolved.resolvedDimensions["sports"]?["sport"] == ["football", "tennis", "rowing"])
    }

    @Test func anAnswerWithoutAValueIsAClearError() async throws {
        let client = ScriptedClient(["I am sorry, I cannot help with that."])
        let error = await #expect(throws: Error.self) {
            _ = try await AttributeProposer(client: client, jsonMode: JSONMode()).resolve(
                try Self.spec(), concurrency: 1)
        }
        #expect("\(error.map { String(describing: $0) } ?? "")".contains("sport"))
    }

    @Test func aLowDiversityClassGetsNewValuesOfEachDimension() async throws {
        var spec = try Self.spec()
        spec.add(["football"], to: "sport", of: "sports")
        spec.proposals = []
        let client = ScriptedClient([#"{"values": ["Europe", "Africa"]}"#, #"{"values": ["tennis", "judo"]}"#])
        let widened = try await AttributeProposer(client: client, jsonMode: JSONMode())
            .widen(spec, classes: ["sports"], perDimension: 2, round: 1, concurrency: 1)
        #expect(widened.added == ["sports": ["location": ["Africa"], "sport": ["tennis", "judo"]]])
        #expect(
            widened.spec.dimensions(of: "sports").map(\.values) == [
                ["Europe", "Asia", "Africa"], ["football", "tennis", "judo"],
            ])
        #expect(widened.spec.dimensions(of: "business").map(\.values) == [["Europe", "Asia"]], "only the low class")
    }
}
