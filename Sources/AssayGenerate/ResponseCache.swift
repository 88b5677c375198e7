import AssayStore
import Foundation

/// Chat answers kept in the store (`llm_responses`), keyed by the canonical request's hash.
///
/// The key covers the endpoint, model, messages, temperature, seed and every other field, so an
/// answer is reused only for exactly the same question; a run killed half way and started again
/// asks the server only what it has no answer for.
public final class ResponseCache: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The store at `path`, created or migrated as needed.
    public convenience init(path: String = Database.defaultPath) throws {
        self.init(database: try Database(path: path))
    }

    /// The cached answer for `key`, if there is one.
    public func lookup(_ key: String) throws -> ChatCompletion? {
        let statement = try database.prepare(
            "SELECT content, prompt_tokens, completion_tokens, finish_reason FROM llm_responses WHERE key = ?1")
        try statement.bind(key, at: 1)
        guard try statement.step() else { return nil }
        return ChatCompletion(
            content: statement.string(at: 0) ?? "", promptTokens: Int(statement.int64(at: 1)),
            completionTokens: Int(statement.int64(at: 2)), finishReason: statement.string(at: 3))
    }

    /// Keeps `answer` to `request` under `key` (replacing an earlier one), committed at once.
    public func store(_ answer: ChatCompletion, for request: ChatRequest, key: String) throws {
        let statement = try database.prepare(
            """
            INSERT OR REPLACE INTO llm_responses
                (key, request, content, prompt_tokens, completion_tokens, finish_reason, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """)
        try statement.bind(key, at: 1)
        try statement.bind(String(decoding: try request.body(), as: UTF8.self), at: 2)
        try statement.bind(answer.content, at: 3)
        try statement.bind(answer.promptTokens, at: 4)
        try statement.bind(answer.completionTokens, at: 5)
        if let reason = answer.finishReason { try statement.bind(reason, at: 6) } else { try statement.bindNull(at: 6) }
        try statement.bind(ISO8601DateFormatter().string(from: Date()), at: 7)
        try statement.run()
    }

    /// The number of answers kept.
    public func count() throws -> Int {
        let statement = try database.prepare("SELECT count(*) FROM llm_responses")
        _ = try statement.step()
        return Int(statement.int64(at: 0))
    }
}

/// A client that answers from the cache when it can and asks `base` (and caches the answer) when not.
public struct CachedLLMClient: LLMClient {
    public let base: any LLMClient
    public let cache: ResponseCache
    /// The endpoint, part of every key.
    public let endpoint: String
    public let counter: HitCounter

    public init(base: any LLMClient, cache: ResponseCache, endpoint: String, counter: HitCounter = HitCounter()) {
        self.base = base
        self.cache = cache
        self.endpoint = endpoint
        self.counter = counter
    }

    public func complete(_ request: ChatRequest) async throws -> ChatCompletion {
        let key = try request.cacheKey(baseURL: endpoint)
        if let cached = try cache.lookup(key) {
            counter.hit()
            return cached
        }
        let answer = try await base.complete(request)
        try cache.store(answer, for: request, key: key)
        counter.miss()
        return answer
    }
}

/// Cache hits and misses of a run.
public final class HitCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts = (hits: 0, misses: 0)

    public init() {}

    public var hits: Int { lock.withLock { counts.hits } }
    public var misses: Int { lock.withLock { counts.misses } }

    func hit() { lock.withLock { counts.hits += 1 } }
    func miss() { lock.withLock { counts.misses += 1 } }
}
