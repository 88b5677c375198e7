import AssayCore
import AssayGate
import AssayGenerate
import AssayMetrics
import AssayReport
import AssayStore

extension GenerationLoop {
    /// `assay generate` end to end: reads the spec, the policy and the original, opens the store, builds
    /// the client (`GenerationBackend`), runs the loop with the real analysis, and writes the cassette
    /// of `recordPath` (also when the run fails).
    ///
    /// - Throws: `AssayError` for a bad spec, policy, original or cassette, a backend that fails, or a
    ///   store that fails.
    public static func run(
        _ options: GenerationOptions, events: @escaping @Sendable (GenerationEvent) -> Void = { _ in }
    ) async throws -> GenerationResult {
        let spec = try TaskSpec.load(path: options.specPath)
        let policy = try options.gatePolicyPath.map {
            try GatePolicy.load(path: $0, catalog: MetricCatalog(Assessment.catalog))
        }
        let original = try options.originalPath.map {
            try DatasetLoader.load(path: $0, fields: options.analysis.fields)
        }
        let store = try RunStore(path: options.analysis.embedding.storePath)
        let meter = TokenMeter(budget: spec.limits.tokenBudget)
        let counter = HitCounter()
        let backend = try GenerationBackend.client(
            spec, specPath: options.specPath, replay: options.replayPath,
            cache: ResponseCache(database: store.database), meter: meter, counter: counter,
            onRetry: { attempt, failure, delay in events(.retry(attempt: attempt, failure: failure, delay: delay)) })
        let recorder = options.recordPath.map { _ in RecordingClient(base: backend) }
        defer {
            if let path = options.recordPath, let recorder {
                try? GenerationBackend.writeCassette(recorder.recorded, to: path, spec: spec)
            }
        }
        // Each round's report is seeded by the spec, like its prompts.
        var analysis = options.analysis
        analysis.settings.seed = spec.seed
        let loop = GenerationLoop(
            spec: spec, client: recorder ?? backend, analyse: comparison(original: original, options: analysis),
            store: store, policy: policy, rounds: options.rounds, selfCheck: options.selfCheck,
            outFile: options.outFile, reportDirectory: options.reportDirectory, formats: options.formats,
            datasetName: options.datasetName, replan: options.replan, meter: meter, counter: counter)
        return try await loop.run(events: events)
    }
}
