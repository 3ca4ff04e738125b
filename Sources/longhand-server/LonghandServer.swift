import ArgumentParser
import Curriculum
import Foundation
import LessonServer

/// `longhand-server`: the live Longhand site on this machine, every page rendered per request.
@main
struct LonghandServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "longhand-server",
        abstract: "Serve every Longhand lesson with a 'Try your own numbers' panel (started by `make serve` or `swift run longhand serve`).")

    @Option(name: .long, help: ArgumentHelp("Address to listen on; anything but a loopback address exposes the server to the network.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("Port to listen on (1 to 65535; 0 picks a free one).", valueName: "n"))
    var port = 8080

    @Option(name: .long, help: ArgumentHelp("Rendered files kept in memory (0 to 10000; 0 renders every request).", valueName: "n"))
    var cacheEntries = 128

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port: '\(port)' is not accepted; accepted: a whole number from 1 to 65535 (0 picks a free port)") }
        guard (0...10_000).contains(cacheEntries) else { throw ValidationError("--cache-entries: '\(cacheEntries)' is not accepted; accepted: a whole number from 0 to 10000") }
        guard !host.isEmpty else { throw ValidationError("--host: an address is needed, e.g. 127.0.0.1") }
    }

    func run() async throws {
        var configuration = ServerConfiguration(host: host, port: port, course: Course.lessons)
        configuration.cacheEntries = cacheEntries
        if !ServerConfiguration.isLoopback(host) {
            FileHandle.standardError.write(Data("warning: --host \(host) is not a loopback address: anyone who can reach this machine can use the server\n".utf8))
        }
        let server = LessonServer(configuration: configuration)
        try await server.run { port in
            print("Longhand is being served at http://\(host.contains(":") ? "[\(host)]" : host):\(port)/ (Ctrl-C stops it)")
        }
    }
}
