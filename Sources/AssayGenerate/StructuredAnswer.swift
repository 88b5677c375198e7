import Foundation

/// Reading a JSON object out of a model's answer.
public enum JSONAnswer {
    /// The last top-level `{…}` in `text` that parses as a JSON object, or nil. Small models wrap
    /// their JSON in prose or code fences; a grammar-constrained answer is the object alone.
    public static func lastObject(in text: String) -> [String: Any]? {
        let scalars = Array(text.unicodeScalars)
        var spans: [Range<Int>] = []
        var start = 0
        while start < scalars.count {
            guard scalars[start] == "{" else {
                start += 1
                continue
            }
            if let end = matchingBrace(scalars, from: start) {
                spans.append(start..<(end + 1))
                start = end + 1
            } else {
                start += 1
            }
        }
        for span in spans.reversed() {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[span])
            if let object = try? JSONSerialization.jsonObject(with: Data(String(view).utf8)) as? [String: Any] {
                return object
            }
        }
        return nil
    }

    /// The index of the `}` closing the `{` at `start`, skipping braces inside strings; nil when it
    /// is not closed.
    static func matchingBrace(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var depth = 0
        var inString = false
        var escaped = false
        for index in start..<scalars.count {
            let scalar = scalars[index]
            if inString {
                if escaped {
                    escaped = false
                } else if scalar == "\\" {
                    escaped = true
                } else if scalar == "\"" {
                    inString = false
                }
                continue
            }
            switch scalar {
            case "\"": inString = true
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        return nil
    }
}

/// Whether the backend honours `response_format: {"type": "json_object", "schema": …}`: unknown until
/// the first request that asks for it, which is the probe. A server that rejects it (400, 422, 500,
/// 501 …) is asked without it from then on, and its answers are read for their last `{…}`
/// (`JSONAnswer`); the caller validates what it reads either way.
public final class JSONMode: @unchecked Sendable {
    public enum State: Sendable, Equatable {
        case unknown, supported, unsupported
    }

    private let lock = NSLock()
    private var current: State

    public init(_ state: State = .unknown) {
        current = state
    }

    public var state: State { lock.withLock { current } }

    /// The answer to `request`, with its `response_format` while the backend may honour it and
    /// without once it is known not to.
    public func ask(_ request: ChatRequest, client: any LLMClient) async throws -> ChatCompletion {
        var plain = request
        plain.responseFormat = nil
        guard request.responseFormat != nil, state != .unsupported else { return try await client.complete(plain) }
        do {
            let answer = try await client.complete(request)
            lock.withLock { current = .supported }
            return answer
        } catch ChatError.http(let status, _, _)
            where state == .unknown && (400..<600).contains(status) && ![401, 403, 404, 408, 409, 429].contains(status)
        {
            lock.withLock { current = .unsupported }
        }
        return try await client.complete(plain)
    }
}

extension JSONMode {
    /// The answers to `requests`, each asked for a JSON object while the backend may honour it: the
    /// first alone while that is not known (the probe), the rest `concurrency` at a time. As
    /// `LLMClient.complete(all:concurrency:)`, nil marks a request the spent budget left unasked.
    public func complete(all requests: [ChatRequest], client: any LLMClient, concurrency: Int) async throws
        -> [ChatCompletion?]
    {
        let structured = JSONModeClient(base: client, mode: self)
        guard state == .unknown, let first = requests.first else {
            return try await structured.complete(all: requests, concurrency: concurrency)
        }
        let probe = try await structured.complete(all: [first], concurrency: 1)
        guard probe[0] != nil else { return probe + Array(repeating: nil, count: requests.count - 1) }
        return try await probe + structured.complete(all: Array(requests.dropFirst()), concurrency: concurrency)
    }
}

/// A client whose requests ask for a JSON object while the backend honours it.
struct JSONModeClient: LLMClient {
    let base: any LLMClient
    let mode: JSONMode

    func complete(_ request: ChatRequest) async throws -> ChatCompletion {
        try await mode.ask(request, client: base)
    }
}
