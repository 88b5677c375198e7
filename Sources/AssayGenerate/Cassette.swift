import Foundation

/// Recorded chat exchanges of a real model, replayed in tests and CI where no model runs.
///
/// A cassette records what produced it (the server package versions and the model file's SHA-256):
/// another build of llama.cpp gives other text for the same seed, so a cassette is only replayed, never
/// compared with a live run.
public struct Cassette: Codable, Sendable, Equatable {
    public struct Exchange: Codable, Sendable, Equatable {
        /// The canonical request body (`ChatRequest.body()`).
        public var request: String
        public var content: String
        public var promptTokens: Int
        public var completionTokens: Int
        public var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case request, content
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
            case finishReason = "finish_reason"
        }
    }

    /// Where the exchanges come from: package versions, model file and hash, date.
    public var recordedWith: [String: String]
    public var exchanges: [Exchange]

    public init(recordedWith: [String: String], exchanges: [Exchange] = []) {
        self.recordedWith = recordedWith
        self.exchanges = exchanges
    }

    enum CodingKeys: String, CodingKey {
        case recordedWith = "recorded_with"
        case exchanges
    }

    public static func load(path: String) throws -> Cassette {
        try JSONDecoder().decode(Cassette.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Pretty JSON with sorted keys, one exchange per request in the order first asked.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}

/// Answers from a cassette only; a request the cassette lacks is an error naming it.
public struct CassetteClient: LLMClient {
    let answers: [String: ChatCompletion]

    public init(_ cassette: Cassette) {
        var answers: [String: ChatCompletion] = [:]
        for exchange in cassette.exchanges {
            answers[exchange.request] = ChatCompletion(
                content: exchange.content, promptTokens: exchange.promptTokens,
                completionTokens: exchange.completionTokens, finishReason: exchange.finishReason)
        }
        self.answers = answers
    }

    public func complete(_ request: ChatRequest) async throws -> ChatCompletion {
        let body = String(decoding: try request.body(), as: UTF8.self)
        guard let answer = answers[body] else {
            throw ChatError.malformedResponse("the cassette has no answer for \(body.prefix(160))")
        }
        return answer
    }
}

/// Passes requests to `base` and keeps every exchange, for writing a cassette.
public final class RecordingClient: LLMClient, @unchecked Sendable {
    let base: any LLMClient
    private let lock = NSLock()
    private var exchanges: [Cassette.Exchange] = []
    private var seen: Set<String> = []

    public init(base: any LLMClient) {
        self.base = base
    }

    public func complete(_ request: ChatRequest) async throws -> ChatCompletion {
        let answer = try await base.complete(request)
        let body = String(decoding: try request.body(), as: UTF8.self)
        lock.withLock {
            guard seen.insert(body).inserted else { return }
            exchanges.append(
                Cassette.Exchange(
                    request: body, content: answer.content, promptTokens: answer.promptTokens,
                    completionTokens: answer.completionTokens, finishReason: answer.finishReason))
        }
        return answer
    }

    /// The exchanges so far, in the order first asked.
    public var recorded: [Cassette.Exchange] { lock.withLock { exchanges } }
}
