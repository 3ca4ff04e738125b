import Foundation
import LessonKit
import LessonServer
import Notebook
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP exchange as bytes on the wire: status, headers (lower-cased names) and body.
struct RawResponse: Sendable {
    let status: Int
    let headers: [String: String]
    let body: String
}

/// A server on an ephemeral loopback port for the length of one test.
struct RunningServer: Sendable {
    let port: Int
    let task: Task<Void, Error>

    /// Starts a server for `configuration` (port forced to 0) and waits until it listens.
    static func start(_ configuration: ServerConfiguration) async throws -> RunningServer {
        var configuration = configuration
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let server = LessonServer(configuration: configuration)
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            try await server.run(handleSignals: false) { port in continuation.yield(port) }
        }
        var iterator = stream.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return RunningServer(port: port, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    /// Sends `method target` exactly as given (no normalisation of the path) and reads the reply.
    func request(_ target: String, method: String = "GET", headers extra: String = "") async throws -> RawResponse {
        let port = self.port
        let request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(extra)Connection: close\r\n\r\n"
        // The blocking socket waits on a Dispatch thread: on Swift's cooperative pool (one thread per
        // core) a few waiting clients would leave no thread for the server's own async code.
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try RawHTTP.exchange(port: port, request: request) })
            }
        }
    }
}

/// A blocking HTTP/1.1 exchange over a plain socket, so tests can send paths a URL library would tidy.
enum RawHTTP {
    struct Failure: Error { let reason: String }

    static func exchange(port: Int, request: String) throws -> RawResponse {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(reason: "socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(reason: "connect") }
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw Failure(reason: "send") }
            sent += n
        }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        guard let split = data.indices.first(where: { i in i + 3 < data.count && data[i] == 13 && data[i + 1] == 10 && data[i + 2] == 13 && data[i + 3] == 10 }) else {
            throw Failure(reason: "no header end in \(data.count) bytes")
        }
        let head = String(decoding: data[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(data[(split + 4)...])
        if headers["transfer-encoding"] == "chunked" { body = dechunk(body) }
        return RawResponse(status: status, headers: headers, body: String(decoding: body, as: UTF8.self))
    }

    static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            guard let lineEnd = (i..<bytes.count - 1).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }),
                  let size = Int(String(decoding: bytes[i..<lineEnd], as: UTF8.self), radix: 16), size > 0 else { break }
            out += bytes[(lineEnd + 2)..<(lineEnd + 2 + size)]
            i = lineEnd + 2 + size + 2
        }
        return out
    }
}

/// Page text helpers shared by the tests.
enum PageText {
    /// The page with the panel (between its marker comments) taken out.
    static func withoutPanel(_ html: String) -> String {
        guard let begin = html.range(of: OptionsPanel.begin), let end = html.range(of: OptionsPanel.end, range: begin.upperBound..<html.endIndex) else { return html }
        var rest = html[end.upperBound...]
        if rest.hasPrefix("\n") { rest = rest.dropFirst() }
        return String(html[..<begin.lowerBound]) + rest
    }

    /// The panel alone, or nil.
    static func panel(_ html: String) -> String? {
        guard let begin = html.range(of: OptionsPanel.begin), let end = html.range(of: OptionsPanel.end, range: begin.upperBound..<html.endIndex) else { return nil }
        return String(html[begin.lowerBound..<end.upperBound])
    }

    /// The repository's root (for the committed Output/).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// The page the command line writes for `arguments`, read back from a temporary folder.
enum CommandLinePage {
    static func html<L: Lesson>(_ type: L.Type, arguments: [String], language: Language, course: [any Lesson.Type]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("longhand-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let all = arguments + ["--out", folder.path, "--lang", language.rawValue, "--quiet"]
        let lesson = try L.parse(all)
        try LessonRunner.run(lesson, course: course, arguments: all)
        return try String(contentsOf: folder.appendingPathComponent("\(language.rawValue)/\(L.id).html"), encoding: .utf8)
    }
}
