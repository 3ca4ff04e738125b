import Foundation
import Testing
@testable import Notebook

/// Helpers the answer-key tests share: running a built lesson executable and reading its JSON.
enum TestSupport {
    /// The package root (this file is Tests/LonghandTests/TestSupport.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder holding the built executables: the folder of the running test binary.
    static var productsFolder: URL {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        // The test binary may be inside a bundle (…/LonghandPackageTests.xctest/Contents/MacOS/…).
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("perceptron").path) {
            url.deleteLastPathComponent()
        }
        return url
    }

    /// The result of running a process.
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs executable `name` (a lesson id or `longhand`) with arguments and a clean environment.
    static func run(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = productsFolder.appendingPathComponent(name)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `lesson` with bad `arguments` and checks the refusal every lesson promises: exit 64, one
    /// line on stderr naming `mentions` (by default the first argument, the option), nothing written.
    static func expectRefused(_ lesson: String, _ arguments: [String], mentions: String? = nil,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try run(lesson, arguments + ["--out", folder.path])
        let shown = "\(lesson) \(arguments.joined(separator: " ")): exit \(r.status), stderr \(r.stderr)"
        #expect(r.status == 64, "\(shown)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(mentions ?? arguments[0]), "\(shown)", sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(shown)", sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("\(lesson): "), "\(shown)", sourceLocation: sourceLocation)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty ?? true,
                "\(shown): wrote files", sourceLocation: sourceLocation)
    }

    /// A fresh empty folder under the system's temporary folder.
    static func temporaryFolder(_ label: String = "longhand-test") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a lesson with `--json` into a temporary folder and returns the parsed JSON object.
    static func json(_ lesson: String, _ arguments: [String] = []) throws -> [String: Any] {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try run(lesson, arguments + ["--json", "--out", folder.path])
        #expect(result.status == 0, "\(lesson) failed: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return object as? [String: Any] ?? [:]
    }

    /// The "values" object of a lesson's JSON.
    static func values(_ lesson: String, _ arguments: [String] = []) throws -> [String: Any] {
        try json(lesson, arguments)["values"] as? [String: Any] ?? [:]
    }
}

extension Dictionary where Key == String, Value == Any {
    /// A number from parsed JSON.
    func number(_ key: String) -> Double? { (self[key] as? NSNumber)?.doubleValue }
    /// A vector from parsed JSON.
    func vector(_ key: String) -> [Double]? { (self[key] as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } }
    /// A matrix from parsed JSON.
    func matrix(_ key: String) -> [[Double]]? {
        (self[key] as? [Any])?.map { ($0 as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.doubleValue } }
    }
}

/// Rounds to `decimals` places, as a source text prints a number.
func printed(_ x: Double, _ decimals: Int) -> Double {
    let scale = pow(10.0, Double(decimals))
    return (x * scale).rounded() / scale
}
