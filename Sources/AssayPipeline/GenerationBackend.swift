import AssayCore
import AssayGenerate
import AssayReport
import Foundation

/// The client a generation run asks: a cassette's recorded answers, or the spec's backend behind its
/// rate limits and the store's response cache.
public enum GenerationBackend {
    /// The cassette at `replay` when given (no network), else the spec's OpenAI-compatible backend:
    /// its API key from `environment`, rate-limited when the spec sets per-minute limits, its answers
    /// cached in `cache`.
    ///
    /// - Parameters:
    ///   - specPath: the spec's file, named in errors about its backend.
    ///   - meter: counts the backend's tokens against the spec's budget.
    ///   - counter: counts the cache's hits and misses.
    ///   - onRetry: told of each failed request that is tried again.
    /// - Throws: `AssayError` for a cassette that cannot be read (`.input`), a base URL that is not a URL
    ///   or an API key variable that is not set (`.usage`).
    public static func client(
        _ spec: TaskSpec, specPath: String, replay: String?, cache: ResponseCache, meter: TokenMeter,
        counter: HitCounter, environment: [String: String] = ProcessInfo.processInfo.environment,
        onRetry: @escaping @Sendable (Int, ChatError, TimeInterval) -> Void = { _, _, _ in }
    ) throws -> any LLMClient {
        if let replay { return CassetteClient(try loadCassette(replay)) }
        guard let baseURL = URL(string: spec.backend.baseURL) else {
            throw AssayError(.usage, file: specPath, field: "backend", "base_url is not a URL")
        }
        let apiKey = try spec.backend.apiKey(environment: environment, specPath: specPath)
        var client: any LLMClient = OpenAIClient(
            baseURL: baseURL, apiKey: apiKey, timeout: spec.limits.requestTimeout,
            connectTimeout: spec.limits.connectTimeout, maxResponseBytes: spec.limits.maxResponseBytes, meter: meter,
            onRetry: onRetry)
        if spec.limits.requestsPerMinute != nil || spec.limits.tokensPerMinute != nil {
            client = RateLimitedClient(
                base: client,
                limiter: RateLimiter(
                    requestsPerMinute: spec.limits.requestsPerMinute, tokensPerMinute: spec.limits.tokensPerMinute))
        }
        return CachedLLMClient(base: client, cache: cache, endpoint: spec.backend.baseURL, counter: counter)
    }

    /// The cassette at `path`.
    ///
    /// - Throws: `AssayError` (`.input`) naming the file when it is not a cassette.
    public static func loadCassette(_ path: String) throws -> Cassette {
        do {
            return try Cassette.load(path: path)
        } catch {
            throw AssayError(.input, file: path, "not a cassette (\(error.localizedDescription))")
        }
    }

    /// Writes `exchanges` as a cassette to `path`, with what produced them: the spec's model, its base
    /// URL redacted, and `ASSAY_LLM_VERSIONS` / `ASSAY_LLM_MODEL_SHA256` from `environment`
    /// (scripts/local-llm sets them).
    public static func writeCassette(
        _ exchanges: [Cassette.Exchange], to path: String, spec: TaskSpec,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        var about = ["model": spec.backend.model, "base_url": URLRedaction.redacted(spec.backend.baseURL)]
        for (key, name) in [("packages", "ASSAY_LLM_VERSIONS"), ("model_sha256", "ASSAY_LLM_MODEL_SHA256")] {
            if let value = environment[name], !value.isEmpty { about[key] = value }
        }
        let cassette = Cassette(recordedWith: about, exchanges: exchanges)
        try AtomicFile.write(try cassette.encoded(), to: path)
    }
}
