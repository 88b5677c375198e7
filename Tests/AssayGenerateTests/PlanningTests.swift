import AssayCore
import Testing

@testable import AssayGenerate

/// The task spec, the seeded attribute plan and the answer filters.
@Suite struct PlanningTests {
    static let yaml = """
        task: Short news headlines, one topic each.
        classes:
          - name: sports
            description: games and players
            attributes: { subtopic: [football, tennis] }
          - business
        attributes:
          style: [neutral, excited]
          location: [Europe, Asia, Africa]
        count_per_class: 4
        backend: { base_url: "http://127.0.0.1:8765/v1", model: smollm2 }
        seed: 7
        """

    @Test func aSpecIsRead() throws {
        let spec = try TaskSpec.parse(Self.yaml, path: "task.yml")
        #expect(spec.classes.map(\.name) == ["sports", "business"])
        #expect(spec.classes[0].description == "games and players")
        #expect(spec.strategy == .attributed && spec.countPerClass == 4 && spec.seed == 7 && spec.temperature == 0.8)
        #expect(spec.backend == .init(baseURL: "http://127.0.0.1:8765/v1", model: "smollm2", apiKeyEnvironment: nil))
        #expect(spec.dimensions(of: "sports").map(\.name) == ["location", "style", "subtopic"])
        #expect(spec.dimensions(of: "business").map(\.name) == ["location", "style"])
    }

    @Test(arguments: [
        ("task: t\nclasses: [a]\nbackend: {base_url: http://x/v1, model: m}\n", "classes", "at least two classes"),
        ("task: t\nclasses: [a, a]\nbackend: {base_url: http://x/v1, model: m}\n", "classes", "listed twice"),
        ("task: t\nclasses: [a, b]\n", "backend", "base_url"),
        (
            "task: t\nclasses: [a, b]\nbackend: {base_url: http://x/v1, model: m}\nstrategy: magic\n", "strategy",
            "attributed, simple, targen"
        ),
        ("task: t\nclasses: [a, b]\nbackend: {base_url: http://x/v1, model: m}\ncount: 3\n", "count", "unknown key"),
        (
            "task: t\nclasses: [a, b]\nbackend: {base_url: http://x/v1, model: m}\nattributes: {style: []}\n",
            "attributes", "non-empty list"
        ),
    ])
    func specMistakesNameTheKey(text: String, field: String, message: String) throws {
        let error = try #require(throws: AssayError.self) { try TaskSpec.parse(text, path: "task.yml") }
        #expect(error.kind == .usage && error.field == field && error.line != nil)
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test func thePlanIsSeededAndCoversEveryDimension() throws {
        let spec = try TaskSpec.parse(Self.yaml, path: "task.yml")
        let plan = GenerationPlan.examples(spec, steering: .initial(spec), round: 1)
        #expect(plan.count == 8)
        #expect(plan.map(\.label) == Array(repeating: "sports", count: 4) + Array(repeating: "business", count: 4))
        #expect(
            plan.filter { $0.label == "sports" }.allSatisfy {
                Set($0.attributes.keys) == ["location", "style", "subtopic"]
            })
        #expect(plan.filter { $0.label == "business" }.allSatisfy { Set($0.attributes.keys) == ["location", "style"] })
        #expect(
            plan == GenerationPlan.examples(spec, steering: .initial(spec), round: 1), "the same seed, the same plan")
        #expect(plan != GenerationPlan.examples(spec, steering: .initial(spec), round: 2), "another round, other draws")
        var simple = spec
        simple.strategy = .simple
        #expect(
            GenerationPlan.examples(simple, steering: .initial(simple), round: 1).allSatisfy { $0.attributes.isEmpty })
    }

    // Weights 1 : 0 : 3 over 4,000 draws: about 1,000 and 3,000, never the zero-weight value.
    @Test func weightsSteerTheDraws() {
        var random = SeededRandom(seed: 1, stream: "weights")
        var counts = [0, 0, 0]
        for _ in 0..<4000 { counts[GenerationPlan.draw([1, 0, 3], &random)] += 1 }
        #expect(counts[1] == 0)
        #expect(abs(counts[0] - 1000) < 100 && abs(counts[2] - 3000) < 100, "\(counts)")
        let spec = try? TaskSpec.parse(Self.yaml, path: "task.yml")
        guard let spec else { return }
        let steering = Steering(
            wanted: ["business": 50], weights: ["business": ["location": ["Europe": 0, "Asia": 0, "Africa": 1]]],
            temperature: ["business": 1.1])
        let plan = GenerationPlan.examples(spec, steering: steering, round: 2)
        #expect(plan.count == 50 && plan.allSatisfy { $0.attributes["location"] == "Africa" && $0.temperature == 1.1 })
    }

    @Test(arguments: [
        ("Here is a headline:\n\"Local team wins the cup\"", "Local team wins the cup"),
        ("Headline: Stocks fall as rates rise", "Stocks fall as rates rise"),
        ("  “Markets rally after the vote”  \n\nThis headline is about business.", "Markets rally after the vote"),
        ("The match ended: a draw in Madrid", "The match ended: a draw in Madrid"),
    ])
    func answersAreCleaned(answer: String, text: String) {
        #expect(ExampleFilter.clean(answer) == text)
    }

    @Test func emptyRefusalsAndLengthsAreRejected() {
        #expect(ExampleFilter.rejection("   ") == .empty)
        #expect(ExampleFilter.rejection("I'm sorry, but I can't write that.") == .refusal)
        #expect(ExampleFilter.rejection("Goal!") == .tooShort)
        #expect(ExampleFilter.rejection(String(repeating: "word ", count: 300)) == .tooLong)
        #expect(ExampleFilter.rejection("Local team wins the cup") == nil)
    }

    @Test func theSelfCheckAnswerNamesTheFirstClassMentioned() {
        let classes = ["sports", "business", "world"]
        #expect(ExampleFilter.namedClass(in: "Business.", classes: classes) == "business")
        #expect(ExampleFilter.namedClass(in: "This is world news, not sports.", classes: classes) == "world")
        #expect(ExampleFilter.namedClass(in: "Sportsmanship aside, it is about money", classes: classes) == nil)
    }
}
