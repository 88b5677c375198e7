import AssayCore
import AssayText
import Foundation
import Testing

@testable import AssayGenerate

/// A client answering from a script: generation (and proposal) prompts in order, self-checks by a rule.
final class ScriptedClient: LLMClient, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [String]
    private let check: @Sendable (String) -> String
    private(set) var asked: [ChatRequest] = []

    init(_ answers: [String], check: @escaping @Sendable (String) -> String = { _ in "" }) {
        self.answers = answers
        self.check = check
    }

    func complete(_ request: ChatRequest) async throws -> ChatCompletion {
        let prompt = request.messages.last?.content ?? ""
        let content: String = lock.withLock {
            asked.append(request)
            if prompt.contains("fits the text best") { return check(prompt) }
            return answers.isEmpty ? "" : answers.removeFirst()
        }
        return ChatCompletion(content: content, promptTokens: 1, completionTokens: 1)
    }
}

/// A client that answers `answers` requests, then finds the token budget spent.
final class BudgetedClient: LLMClient, @unchecked Sendable {
    private let lock = NSLock()
    private let base: any LLMClient
    private var left: Int

    init(_ base: any LLMClient, answers: Int) {
        self.base = base
        left = answers
    }

    func complete(_ request: ChatRequest) async throws -> ChatCompletion {
        let allowed = lock.withLock {
            left -= 1
            return left >= 0
        }
        guard allowed else { throw ChatError.budgetExhausted(0) }
        return try await base.complete(request)
    }
}

@Suite struct GeneratorTests {
    static func spec() throws -> TaskSpec {
        try TaskSpec.parse(
            """
            task: News headlines.
            classes: [sports, business]
            attributes: { location: [Europe, Asia] }
            count_per_class: 3
            backend: { base_url: "http://127.0.0.1:1/v1", model: tiny }
            """, path: "t.yml")
    }

    @Test func answersAreFilteredDedupedAndSelfChecked() async throws {
        let spec = try Self.spec()
        let client = ScriptedClient(
            [
                "Headline: Local team wins the cup", "I'm sorry, I cannot help with that.",
                "\"local team wins the cup!\"",  // the first one again, after normalisation
                "Shares climb after strong earnings", "Here is a headline:\nBank cuts rates again", "Oil",
            ],
            check: { prompt in prompt.contains("Bank cuts") ? "sports" : prompt.contains("team") ? "Sports" : "business"
            })
        let generator = Generator(spec: spec, client: client, selfCheck: .flag)
        let plan = GenerationPlan.examples(spec, steering: .initial(spec), round: 1)
        let outcome = try await generator.run(plan, after: [])
        #expect(
            outcome.kept.map(\.text) == [
                "Local team wins the cup", "Shares climb after strong earnings", "Bank cuts rates again",
            ])
        #expect(outcome.kept.map(\.label) == ["sports", "business", "business"])
        #expect(outcome.kept.map(\.selfCheck) == ["sports", "business", "sports"])
        #expect(outcome.rejected == ["refusal": 1, "too_short": 1])
        #expect(outcome.duplicates == 1 && outcome.disputed == 1)
        #expect(outcome.requests == 9, "6 generations and 3 self-checks")
        #expect(outcome.kept[0].attributes.keys.sorted() == ["location"])
        #expect(outcome.kept[0].promptSHA256.count == 64 && outcome.kept[0].model == "tiny")

        let relabel = try await Generator(
            spec: spec, client: ScriptedClient(["Bank cuts rates again"], check: { _ in "sports" }), selfCheck: .relabel
        ).run([plan[3]], after: [])
        #expect(relabel.kept.map(\.label) == ["sports"])
        let drop = try await Generator(
            spec: spec, client: ScriptedClient(["Bank cuts rates again"], check: { _ in "sports" }), selfCheck: .drop
        ).run([plan[3]], after: [])
        #expect(drop.kept.isEmpty && drop.disputed == 1)
        let earlier = try await Generator(spec: spec, client: ScriptedClient(["Bank cuts rates again"]), selfCheck: nil)
            .run([plan[3]], after: outcome.kept)
        #expect(earlier.kept.isEmpty && earlier.duplicates == 1, "a copy of an earlier round's example")
    }

    // Jaccard of normalised character 5-grams: 35 / 43 = 0.814 ("… madrid" in "… madrid tonight") and
    // 34 / 40 = 0.85 ("… rome" in "… rome today"), both at least 0.8.
    @Test func nearCopiesOfThisRoundAndOfEarlierRoundsAreDropped() async throws {
        let spec = try Self.spec()
        #expect(
            abs(
                NearDuplicates.jaccard(
                    "local team wins the cup final in madrid", "local team wins the cup final in madrid tonight")
                    - 35.0 / 43) < 1e-12)
        let plan = GenerationPlan.examples(spec, steering: .initial(spec), round: 1)
        let client = ScriptedClient([
            "Local team wins the cup final in Madrid", "Local team wins the cup final in Madrid tonight",
            "Runner breaks the world record in Rome", "Shares climb after strong earnings", "Bank cuts rates again",
            "Oil prices rise again today",
        ])
        let outcome = try await Generator(spec: spec, client: client, selfCheck: nil).run(plan, after: [])
        #expect(outcome.nearDuplicates == 1 && outcome.duplicates == 0)
        #expect(
            outcome.kept.count == 5
                && !outcome.kept.map(\.text).contains("Local team wins the cup final in Madrid tonight"))
        let later = try await Generator(
            spec: spec, client: ScriptedClient(["Runner breaks the world record in Rome today"]), selfCheck: nil
        ).run([plan[0]], after: outcome.kept)
        #expect(later.kept.isEmpty && later.nearDuplicates == 1)
    }

    @Test func aSpentBudgetEndsTheRoundWithWhatWasAnsweredAndChecked() async throws {
        let spec = try Self.spec()
        let plan = GenerationPlan.examples(spec, steering: .initial(spec), round: 1)
        // Two generations are answered; the self-check of the first is too, then the budget is spent.
        let client = BudgetedClient(
            ScriptedClient(["Local team wins the cup", "Runner breaks the world record"], check: { _ in "sports" }),
            answers: 3)
        let outcome = try await Generator(spec: spec, client: client, selfCheck: .flag).run(
            Array(plan.prefix(2)), after: [])
        #expect(outcome.budgetSpent && outcome.requests == 3)
        #expect(outcome.kept.map(\.text) == ["Local team wins the cup"], "the unchecked one is not kept")
    }

    @Test func thePromptNamesTheClassAndItsAttributes() throws {
        let spec = try Self.spec()
        let example = PlannedExample(
            label: "sports", attributes: ["location": "Asia"], temperature: 0.9, round: 2, index: 1)
        let request = Generator(spec: spec, client: ScriptedClient([]), selfCheck: nil).request(for: example)
        #expect(
            request.messages.last?.content
                == """
                Task: News headlines.
                Topic: sports
                Attributes: location: Asia
                Write one example for this topic with these attributes. Reply with the example only.
                """, "the description line is left out: the class has none")
        let check = Generator(spec: spec, client: ScriptedClient([]), selfCheck: nil).checkRequest(for: "Goal!")
        #expect(
            check.messages.last?.content == """
                Task: News headlines.
                Which one of these classes fits the text best: sports, business?
                Text: Goal!
                Answer with a JSON object {"label": "<the class>"}.
                """)
        #expect(check.temperature == 0)
        #expect(
            String(decoding: try check.body(), as: UTF8.self).contains(
                #""response_format":{"schema":{"properties":{"label":{"enum":["sports","business"],"type":"string"}},"required":["label"],"type":"object"},"type":"json_object"}"#
            ))
        #expect(request.temperature == 0.9 && request.model == "tiny")
    }

    // sports kept 1 of 3 (Europe once): wants 2, Europe weighted 1/2, Asia 1; business kept 3: wants 0.
    @Test func theNextRoundFillsDeficitsAndWeightsUnderCoveredValuesUp() throws {
        let spec = try Self.spec()
        func example(_ label: String, _ location: String) -> GeneratedExample {
            GeneratedExample(
                text: "\(label) \(location)", label: label, attributes: ["location": location], round: 1, model: "m",
                promptSHA256: "", selfCheck: nil)
        }
        let kept = [
            example("sports", "Europe"), example("business", "Europe"), example("business", "Europe"),
            example("business", "Asia"),
        ]
        let next = Steering.next(spec, kept: kept, previous: .initial(spec), lowDiversity: ["business"])
        #expect(next.wanted == ["sports": 2, "business": 0])
        #expect(next.weights["sports"]?["location"] == ["Europe": 0.5, "Asia": 1])
        #expect(next.weights["business"]?["location"] == ["Europe": 1.0 / 3, "Asia": 0.5])
        #expect(next.temperature == ["business": 1.0])
    }
}
