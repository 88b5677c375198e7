import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A scripted HTTP server on 127.0.0.1 for the chat client's tests: it answers each request with the
/// next scripted reply (one connection per request) and counts what it was asked.
public final class FakeChatServer: @unchecked Sendable {
    /// One scripted answer.
    public enum Reply: Sendable {
        case status(Int, headers: [String: String] = [:], body: String)
        /// Wait this long before answering 200 (longer than the client's timeout: a timeout).
        case delay(TimeInterval, body: String)
        /// Close the connection without answering.
        case hangUp
        /// Read the request, then answer nothing until the client disconnects or `seconds` pass.
        case silence(TimeInterval)
        /// A 200 without a length whose body never ends: `x` bytes until the client disconnects, or
        /// `limit` bytes, or a send blocked for 5 s.
        case endless(limit: Int)
    }

    public static func completion(_ content: String, prompt: Int = 10, completion: Int = 5) -> String {
        let escaped = content.replacingOccurrences(of: "\"", with: "\\\"")
        return
            #"{"choices":[{"index":0,"message":{"role":"assistant","content":"\#(escaped)"},"finish_reason":"stop"}],"usage":{"prompt_tokens":\#(prompt),"completion_tokens":\#(completion)}}"#
    }

    private let lock = NSLock()
    private var replies: [Reply]
    private var bodies: [String] = []
    private var sent = 0
    private let socket: Int32
    public let port: UInt16
    private var thread: Thread?

    public var baseURL: URL {
        var components = URLComponents()
        components.scheme = "http"
        components.host = "127.0.0.1"
        components.port = Int(port)
        components.path = "/v1"
        return components.url ?? URL(fileURLWithPath: "/")
    }

    /// Replies sent in full.
    public var answered: Int {
        lock.lock()
        defer { lock.unlock() }
        return sent
    }

    /// The request bodies received, in order.
    public var requests: [String] {
        lock.lock()
        defer { lock.unlock() }
        return bodies
    }

    /// - Parameter port: 0 for any free port.
    public init(_ replies: [Reply], port: UInt16 = 0) throws {
        self.replies = replies
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socket = fd
        self.port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [weak self] in self?.serve() }
        self.thread = thread
        thread.start()
    }

    /// Stops listening. The serving thread closes the socket once its `accept` fails: closed here, its
    /// number could be reused by another test's socket before the thread calls `accept` again, and that
    /// thread would take the other socket's connections.
    public func stop() {
        shutdown(socket, Int32(SHUT_RDWR))
    }

    private func nextReply() -> Reply {
        lock.lock()
        defer { lock.unlock() }
        return replies.isEmpty ? .status(500, body: "no more scripted replies") : replies.removeFirst()
    }

    private func serve() {
        defer { close(socket) }
        while true {
            let client = accept(socket, nil, nil)
            guard client >= 0 else { return }
            // A connection closed before a whole request arrived (curl probing or giving up) answers
            // nothing and uses no reply.
            guard let body = readRequest(client) else {
                close(client)
                continue
            }
            lock.lock()
            bodies.append(body)
            lock.unlock()
            switch nextReply() {
            case .hangUp:
                close(client)
            case .delay(let seconds, let text):
                Thread.sleep(forTimeInterval: seconds)
                respond(client, 200, [:], text)
            case .status(let status, let headers, let text):
                respond(client, status, headers, text)
            case .silence(let seconds):
                waitForHangUp(client, seconds: seconds)
                close(client)
            case .endless(let limit):
                stream(client, limit: limit)
            }
            lock.lock()
            sent += 1
            lock.unlock()
        }
    }

    /// Waits until `client` closes its end or `seconds` pass, in polls of 50 ms.
    private func waitForHangUp(_ client: Int32, seconds: TimeInterval) {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            var descriptor = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) >= 0 else { return }
            if descriptor.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                guard recv(client, &buffer, buffer.count, 0) > 0 else { return }
            }
        }
    }

    /// Sends a 200 head and then `x` bytes until a send fails or `limit` bytes are out.
    private func stream(_ client: Int32, limit: Int) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let head = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n".utf8)
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 65536)
        var total = 0
        var pending = head[...]
        while total < limit {
            let count = pending.withUnsafeBufferPointer { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { break }
            pending = pending.dropFirst(count)
            if pending.isEmpty {
                total += chunk.count
                pending = chunk[...]
            }
        }
        close(client)
    }

    private func readRequest(_ client: Int32) -> String? {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        var expected: Int?
        var headerEnd: Int?
        while true {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            data.append(contentsOf: buffer[0..<count])
            if headerEnd == nil, let range = data.range(of: Data("\r\n\r\n".utf8)) {
                headerEnd = range.upperBound
                let head = String(decoding: data[..<range.lowerBound], as: UTF8.self).lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                expected =
                    length.flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
                    ?? 0
            }
            if let headerEnd, let expected, data.count - headerEnd >= expected { break }
        }
        guard let headerEnd, let expected, data.count - headerEnd >= expected else { return nil }
        return String(decoding: data[headerEnd...], as: UTF8.self)
    }

    private func respond(_ client: Int32, _ status: Int, _ headers: [String: String], _ body: String) {
        var text = "HTTP/1.1 \(status) Scripted\r\nContent-Type: application/json\r\nConnection: close\r\n"
        text += "Content-Length: \(body.utf8.count)\r\n"
        for (key, value) in headers { text += "\(key): \(value)\r\n" }
        text += "\r\n" + body
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBufferPointer {
                send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { break }
            sent += count
        }
        close(client)
    }
}

/// A loopback port whose accept queue is full, so a new connection is never made: for connect timeouts.
public final class BlackHoleListener: @unchecked Sendable {
    private let socket: Int32
    private var fillers: [Int32] = []
    public let port: UInt16

    public var baseURL: URL {
        URL(string: "http://127.0.0.1:\(port)/v1") ?? URL(fileURLWithPath: "/")
    }

    public init() throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        // Backlog 0: one connection waiting to be accepted fills the queue; later SYNs are dropped.
        guard bound == 0, listen(fd, 0) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socket = fd
        port = UInt16(bigEndian: address.sin_port)
        // The first connection fills the queue once its handshake is done; a second one must then hang.
        for (index, wait) in [(0, 2000), (1, 300)] {
            let filler = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            fillers.append(filler)
            var descriptor = pollfd(fd: filler, events: Int16(POLLOUT), revents: 0)
            let connected = poll(&descriptor, 1, Int32(wait)) == 1
            guard connected == (index == 0) else {
                stop()
                throw POSIXError(.ECONNREFUSED)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    public func stop() {
        for filler in fillers { close(filler) }
        close(socket)
    }
}
