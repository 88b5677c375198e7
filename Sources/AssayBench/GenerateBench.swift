// Benchmark of the generation loop's own work (release build; `AssayBench generate [N]`). Not part of
// `swift test`.
//
// A task of 4 classes and 3 attribute dimensions asks for N examples in all; an in-process client answers
// at once (so what is timed is Assay, not a model): 10–15 Zipf words a headline, 1% of them a near copy
// of an earlier answer (one word added), 1% an exact copy, every self-check `{"label": …}`. Times the plan,
// then `Generator.run` (clean, filter, exact and near dedup, self-check) at concurrency 1 and 8, and
// prints the throughput, the copies found and the peak resident memory.
import AssayCore
import AssayGenerate
import Foundation

/// Answers generation prompts with generated headlines and self-checks with the prompt's first class.
final class InstantClient: LLMClient, @unchecked Sendable {
    private let lock = NSLock()
    private var generator = TextGenerator()
    private var answers: [String] = []

    func complete(_ request: ChatRequest) async throws -> ChatCompletion {
        let prompt = request.messages.last?.content ?? ""
        if prompt.contains("fits the text best") {
            return ChatCompletion(
                content: #"{"label": "c0"}"#, promptTokens: prompt.utf8.count / 4, completionTokens: 6)
        }
        let text: String = lock.withLock {
            let kind = answers.isEmpty ? 2 : generator.random.below(100)
            let text =
                switch kind {
                case 0: answers[generator.random.below(answers.count)] + " today"
                case 1: answers[generator.random.below(answers.count)]
                default: generator.sentence(wordCount: 10 + generator.random.below(6))
                }
            answers.append(text)
            return text
        }
        return ChatCompletion(content: text, promptTokens: prompt.utf8.count / 4, completionTokens: 20)
    }
}

func generateBench(examples: Int) {
    print(
        "assay generate bench — \(examples) examples, \(ProcessInfo.processInfo.activeProcessorCount) cores, OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)")"
    )
    let yaml = """
        task: Headlines.
        classes: [c0, c1, c2, c3]
        attributes: { a: [a1, a2, a3, a4, a5], b: [b1, b2, b3], c: [c1, c2, c3, c4, c5, c6, c7] }
        strategy: targen
        count_per_class: \(max(1, examples / 4))
        backend: { base_url: "http://127.0.0.1:1/v1", model: bench }
        """
    guard var spec = try? TaskSpec.parse(yaml, path: "bench.yml") else { return print("bench spec failed") }
    var plan: [PlannedExample] = []
    let planning = seconds { plan = GenerationPlan.examples(spec, steering: .initial(spec), round: 1) }
    print(String(format: "plan: %d examples in %.3f s", plan.count, planning))
    for concurrency in [1, 8] {
        spec.limits.concurrency = concurrency
        let generator = Generator(spec: spec, client: InstantClient(), selfCheck: nil)
        let box = OutcomeBox()
        let elapsed = seconds {
            let done = DispatchSemaphore(value: 0)
            let job = plan
            Task {
                box.outcome = try? await generator.run(job, after: [])
                done.signal()
            }
            done.wait()
        }
        guard let outcome = box.outcome else { return print("the run failed") }
        print(
            String(
                format:
                    "concurrency %d: %.2f s (%.0f examples/s incl. self-checks), kept %d, copies %d, near copies %d, requests %d",
                concurrency, elapsed, Double(plan.count) / elapsed, outcome.kept.count, outcome.duplicates,
                outcome.nearDuplicates, outcome.requests))
    }
    print(String(format: "peak RSS: %.0f MB", peakResidentMegabytes()))
}

private final class OutcomeBox: @unchecked Sendable {
    var outcome: RoundOutcome?
}
