import Foundation

/// A token bucket: `capacity` units, refilled at `perSecond`. A reservation always succeeds and may
/// leave the bucket in debt; its wait is the time until the debt is repaid.
public struct TokenBucket: Sendable, Equatable {
    public let capacity: Double
    public let perSecond: Double
    public private(set) var level: Double
    private var time: TimeInterval

    /// A full bucket at time `now`.
    public init(capacity: Double, perSecond: Double, now: TimeInterval) {
        self.capacity = capacity
        self.perSecond = perSecond
        level = capacity
        time = now
    }

    /// A bucket for a per-minute limit: full at `limit`, refilled at `limit` / 60 a second.
    public init(perMinute limit: Int, now: TimeInterval) {
        self.init(capacity: Double(limit), perSecond: Double(limit) / 60, now: now)
    }

    /// Takes `amount` (at most the capacity) at `now` and returns the seconds to wait before using it.
    public mutating func reserve(_ amount: Double, at now: TimeInterval) -> TimeInterval {
        refill(at: now)
        level -= min(amount, capacity)
        return level >= 0 ? 0 : -level / perSecond
    }

    /// Gives back `amount` (takes more when negative): the difference between a reservation's
    /// estimate and what the request really used.
    public mutating func settle(_ amount: Double, at now: TimeInterval) {
        refill(at: now)
        level = min(capacity, level + amount)
    }

    private mutating func refill(at now: TimeInterval) {
        level = min(capacity, level + max(0, now - time) * perSecond)
        time = max(time, now)
    }
}

/// Requests and tokens per minute, shared by every request of a run.
public actor RateLimiter {
    private var requests: TokenBucket?
    private var tokens: TokenBucket?
    private let clock: @Sendable () -> TimeInterval
    private let sleep: @Sendable (TimeInterval) async throws -> Void

    public init(
        requestsPerMinute: Int?, tokensPerMinute: Int?,
        clock: @escaping @Sendable () -> TimeInterval = { ProcessInfo.processInfo.systemUptime },
        sleep: @escaping @Sendable (TimeInterval) async throws -> Void = {
            try await Task.sleep(nanoseconds: UInt64($0 * 1_000_000_000))
        }
    ) {
        let now = clock()
        requests = requestsPerMinute.map { TokenBucket(perMinute: $0, now: now) }
        tokens = tokensPerMinute.map { TokenBucket(perMinute: $0, now: now) }
        self.clock = clock
        self.sleep = sleep
    }

    /// Waits until one request of about `estimatedTokens` tokens fits both limits; returns the wait.
    @discardableResult
    public func acquire(estimatedTokens: Int) async throws -> TimeInterval {
        let now = clock()
        let wait = max(
            requests?.reserve(1, at: now) ?? 0, tokens?.reserve(Double(estimatedTokens), at: now) ?? 0)
        if wait > 0 { try await sleep(wait) }
        return wait
    }

    /// Corrects the token bucket once the request's real usage is known.
    public func settle(estimatedTokens: Int, usedTokens: Int) {
        tokens?.settle(Double(estimatedTokens - usedTokens), at: clock())
    }
}

/// A client that keeps its base within a `RateLimiter`'s limits. Put it under the cache, so answers
/// from the cache are not throttled.
public struct RateLimitedClient: LLMClient {
    public let base: any LLMClient
    public let limiter: RateLimiter

    public init(base: any LLMClient, limiter: RateLimiter) {
        self.base = base
        self.limiter = limiter
    }

    public func complete(_ request: ChatRequest) async throws -> ChatCompletion {
        let estimate = request.estimatedTokens
        try await limiter.acquire(estimatedTokens: estimate)
        let answer = try await base.complete(request)
        await limiter.settle(estimatedTokens: estimate, usedTokens: answer.promptTokens + answer.completionTokens)
        return answer
    }
}

extension ChatRequest {
    /// What a rate limit counts before the answer: about four characters a prompt token, plus
    /// `max_tokens` (the way hosted APIs count tokens per minute).
    public var estimatedTokens: Int {
        messages.reduce(0) { $0 + $1.content.utf8.count } / 4 + (maxTokens ?? 0)
    }
}

extension LLMClient {
    /// The answers to `requests`, in their order, with at most `concurrency` in flight. Once the token
    /// budget is spent no further request is sent, and those not answered are nil; any other failure
    /// is thrown after the requests in flight have finished.
    public func complete(all requests: [ChatRequest], concurrency: Int) async throws -> [ChatCompletion?] {
        let limit = max(1, concurrency)
        return try await withThrowingTaskGroup(of: IndexedAnswer.self) { group in
            var answers = [ChatCompletion?](repeating: nil, count: requests.count)
            var next = 0
            var inFlight = 0
            var spent = false
            while true {
                while inFlight < limit && next < requests.count && !spent {
                    let index = next
                    let request = requests[index]
                    group.addTask {
                        do {
                            return IndexedAnswer(index: index, answer: try await self.complete(request))
                        } catch ChatError.budgetExhausted {
                            return IndexedAnswer(index: index, answer: nil)
                        }
                    }
                    next += 1
                    inFlight += 1
                }
                guard let done = try await group.next() else { break }
                inFlight -= 1
                answers[done.index] = done.answer
                if done.answer == nil { spent = true }
            }
            return answers
        }
    }
}

/// One answer of a batch, with the position of its request.
struct IndexedAnswer: Sendable {
    let index: Int
    let answer: ChatCompletion?
}
