import ArgumentParser
import Foundation

/// `longhand serve`: builds the live server if needed and hands the process over to it.
///
/// The server is its own product (`longhand-server`), so building `longhand` for the static site
/// never compiles the HTTP stack; this subcommand builds the server on first use, beside itself.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the lessons live at http://127.0.0.1:8080, with a 'Try your own numbers' panel (builds longhand-server first).",
        discussion: "Options are passed to longhand-server: --host <address>, --port <n>, --cache-entries <n>; `longhand serve --help-server` lists them.")

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("Options for longhand-server (--host, --port, --cache-entries).", valueName: "options"))
    var options: [String] = []

    func run() throws {
        let me = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath()
        let folder = me.deletingLastPathComponent()
        let server = folder.appendingPathComponent("longhand-server")
        // Inside a package build folder (`swift run longhand serve`), bring the server up to date with
        // the same configuration; `swift build` returns at once when nothing changed.
        let scratch = folder.deletingLastPathComponent().deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: "Package.swift"), scratch.lastPathComponent.hasPrefix(".build") {
            let build = Process()
            build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            // The same flags as the build that made this binary, so nothing already built is rebuilt.
            build.arguments = ["swift", "build", "--product", "longhand-server"]
                + (folder.lastPathComponent == "release" ? ["-c", "release"] : [])
                + (scratch.lastPathComponent == ".build" ? [] : ["--scratch-path", scratch.path])
            FileHandle.standardError.write(Data("longhand serve: building longhand-server (the first time takes a few minutes)…\n".utf8))
            try build.run()
            build.waitUntilExit()
            guard build.terminationStatus == 0 else { throw ExitCode(build.terminationStatus) }
        }
        guard FileManager.default.isExecutableFile(atPath: server.path) else {
            FileHandle.standardError.write(Data("longhand serve: \(server.path) not found; build it with `swift build --product longhand-server`\n".utf8))
            throw ExitCode(69)
        }
        let arguments = [server.path] + (options == ["--help-server"] ? ["--help"] : options)
        // exec, not a child process: Ctrl-C and SIGTERM reach the server directly, which shuts down gracefully.
        let argv = arguments.map { strdup($0) } + [nil]
        execv(server.path, argv)
        FileHandle.standardError.write(Data("longhand serve: cannot start \(server.path): \(String(cString: strerror(errno)))\n".utf8))
        throw ExitCode(71)
    }
}
