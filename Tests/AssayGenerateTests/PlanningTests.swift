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

    @Test func limitsPricesPromptsAndProposedDimensionsAreRead() throws {
        let spec = try TaskSpec.parse(
            """
            task: Reviews.
            classes:
              - name: positive
                attributes: { product: { propose: 4 } }
              - negative
            attributes: { length: [short, long], persona: { propose: 3 } }
            backend:
              base_url: https://api.example.com/v1
              model: m
              api_key_env: KEY
              price: { prompt: 0.15, completion: 0.6 }
            limits: { concurrency: 4, requests_per_minute: 500, tokens_per_minute: 200000, token_budget: 90000 }
            prompts:
              generate: "Write a {class} review ({attributes})."
            """, path: "t.yml")
        #expect(
            spec.limits == .init(concurrency: 4, requestsPerMinute: 500, tokensPerMinute: 200_000, tokenBudget: 90_000))
        #expect(spec.backend.price == .init(prompt: 0.15, completion: 0.6) && spec.backend.apiKeyEnvironment == "KEY")
        #expect(spec.prompts.generate == "Write a {class} review ({attributes}).")
        #expect(spec.prompts.selfCheck == Prompts.defaultSelfCheck)
        #expect(
            spec.proposals == [
                .init(label: nil, dimension: "persona", count: 3),
                .init(label: "positive", dimension: "product", count: 4),
            ])
        #expect(spec.dimensions(of: "positive").map(\.name) == ["length"], "proposed dimensions wait for values")
        // 2 000 000 prompt tokens at $0.15 and 500 000 completion tokens at $0.60 a million: $0.30 + $0.30.
        let usage = TokenUsage(requests: 1, promptTokens: 2_000_000, completionTokens: 500_000)
        #expect(abs(usage.cost(spec.backend.price!) - 0.6) < 1e-12)
    }

    @Test func aTemplateLeavesOutTheLinesWhosePartsAreEmpty() {
        let template = "Task: {task}\nThe class means: {description}\nReply as JSON: {\"label\": \"x\"}"
        #expect(
            Prompts.render(template, ["task": "News", "description": ""])
                == "Task: News\nReply as JSON: {\"label\": \"x\"}")
        #expect(Prompts.placeholders(in: template) == ["task", "description"], "JSON braces are not parts")
    }

    @Test func addedValuesSkipThoseAClassHas() throws {
        var spec = try TaskSpec.parse(Self.yaml, path: "task.yml")
        spec.add(["Tennis", "golf", "Golf"], to: "subtopic", of: "sports")
        #expect(
            spec.dimensions(of: "sports").first { $0.name == "subtopic" }?.values == ["football", "tennis", "golf"])
        spec.add(["asia", "Oceania"], to: "location", of: "business")
        #expect(
            spec.dimensions(of: "business").first { $0.name == "location" }?.values == [
                "Europe", "Asia", "Africa", "Oceania",
            ])
        #expect(spec.dimensions(of: "sports").first { $0.name == "location" }?.values == ["Europe", "Asia", "Africa"])
    }

    @Test(arguments: [
        ("task: t\nclasses: [a]\nbackend: {base_url: http://x/v1, model: m}\n", "classes", "at least two classes"),
        (
            "task: t\nclasses: [a, b]\nbackend: {base_url: http://x/v1, model: m}\nlimits: {concurrency: 0}\n",
            "limits.concurrency", "whole number ≥ 1"
        ),
        (
            "task: t\nclasses: [a, b]\nbackend: {base_url: http://x/v1, model: m}\nlimits: {rpm: 3}\n", "limits.rpm",
            "unknown key"
        ),
        (
            "task: t\nclasses: [a, b]\nbackend: {base_url: http://x/v1, model: m, price: 3}\n", "backend.price",
            "per million tokens"
        ),
        (
            "task: t\nclasses: [a, b]\nbackend: {base_url: http://x/v1, model: m}\nprompts: {generate: \"{clas}\"}\n",
            "prompts.generate", "unknown part {clas}"
        ),
        (
            "task: t\nclasses: [a, b]\nbackend: {base_url: http://x/v1, model: m}\nattributes: {style: {propose: 0}}\n",
            "attributes", "whole number ≥ 1"
        ),
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

    // Answers SmolLM2-135M gave in the recorded live run.
    @Test(arguments: [
        (
            #"Here's an example of a one-sentence business news headline: "Soccer World Cup 2018: Europe, Germany""#,
            "Soccer World Cup 2018: Europe, Germany"
        ),
        (
            #"The headline "A World Without Peace: How Diplomacy Changed" - this is an example of a politic"#,
            "A World Without Peace: How Diplomacy Changed"
        ),
        (
            "World:\nTitle: \"A World of Global Diplomacy\"\n\nExample:\nOne-sentence news.",
            "A World of Global Diplomacy"
        ),
    ])
    func aQuotedExampleIsTakenOutOfMetaTalk(answer: String, text: String) {
        #expect(ExampleFilter.clean(answer) == text)
    }

    @Test func talkAboutTheTaskIsRejected() {
        #expect(ExampleFilter.rejection("This is a perfect example of Business: Marketing, in the US market.") == .meta)
        #expect(ExampleFilter.rejection("The one-sentence news headlines about climate change and the earth.") == .meta)
        #expect(ExampleFilter.rejection("The world is now on a hotly pursued agenda to end the conflict.") == nil)
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
