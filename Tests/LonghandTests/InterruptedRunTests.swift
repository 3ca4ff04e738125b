import Foundation
import Testing
@testable import LonghandEngine
@testable import Notebook

/// Files are written atomically: a run killed at any moment leaves each page either as it was or as
/// the new run writes it, never truncated; and nothing is written outside --out.
@Suite("interrupted runs")
struct InterruptedRunTests {
    /// Relative path → contents for every non-hidden file under `folder` (KaTeX assets excluded).
    static func files(_ folder: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: folder.path) ?? .init() {
            let name = (path as NSString).lastPathComponent
            guard !path.hasPrefix("assets"), !name.hasPrefix(".") else { continue }
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out[path] = FileManager.default.contents(atPath: url.path)
            }
        }
        return out
    }

    @Test("killing generation at random moments never leaves a truncated file (30 rounds)")
    func killLoop() throws {
        let root = TestSupport.temporaryFolder("longhand-kill")
        defer { try? FileManager.default.removeItem(at: root) }
        // Two versions of the same pages: the texts' numbers and other numbers.
        let versionA = ["--weights", "6,2,2", "--threshold", "5"]
        let versionB = ["--weights", "1,1,4", "--threshold", "3"]
        let a = root.appendingPathComponent("a"), b = root.appendingPathComponent("b"), live = root.appendingPathComponent("live")
        #expect(try TestSupport.run("perceptron", versionA + ["--out", a.path, "--quiet"]).status == 0)
        #expect(try TestSupport.run("perceptron", versionB + ["--out", b.path, "--quiet"]).status == 0)
        #expect(try TestSupport.run("perceptron", versionA + ["--out", live.path, "--quiet"]).status == 0)
        let filesA = Self.files(a), filesB = Self.files(b)
        #expect(filesA.keys.sorted() == filesB.keys.sorted())
        #expect(filesA != filesB)

        var random = SeededRandom(seed: 9)
        var killed = 0, finished = 0, mixed = 0
        for round in 0..<30 {
            let process = Process()
            process.executableURL = TestSupport.productsFolder.appendingPathComponent("perceptron")
            process.arguments = (round % 2 == 0 ? versionB : versionA) + ["--out", live.path, "--quiet"]
            // Each file waits 15 ms between being written and being renamed into place.
            process.environment = ProcessInfo.processInfo.environment.merging(["LONGHAND_TEST_WRITE_DELAY_US": "15000"]) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Somewhere between start-up and the end of writing (a run stages its ~20 changed files, 15 ms
            // each, before renaming any; on a loaded machine that takes up to about a second).
            usleep(UInt32(random.index(below: 1_500_000)))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            } else {
                finished += 1
            }
            process.waitUntilExit()
            var fromA = 0, fromB = 0
            for (path, data) in Self.files(live) {
                #expect(data == filesA[path] || data == filesB[path], "round \(round): \(path) is neither the old nor the new page")
                guard filesA[path] != filesB[path] else { continue }   // pages the options do not change
                if data == filesA[path] { fromA += 1 } else if data == filesB[path] { fromB += 1 }
            }
            if fromA > 0 && fromB > 0 { mixed += 1 }
            if !process.isRunning && process.terminationReason == .exit {
                #expect(round % 2 == 0 ? fromA == 0 : fromB == 0, "a finished run left pages of the other version")
            }
        }
        #expect(killed > 0, "no run was interrupted: raise the delay range")
        #expect(finished > 0, "no run finished: lower the delay range")
        print("kill test: \(killed) runs killed, \(mixed) of them mid-write (pages of both versions side by side), \(finished) finished")
    }

    @Test("paths outside the output folder are refused")
    func noEscape() throws {
        let root = TestSupport.temporaryFolder("longhand-escape")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try OutputFolder(path: root.path)
        for bad in ["../x.html", "/etc/x", "en/../../x", "./x", ""] {
            #expect(throws: OutputError.self) { try folder.write(bad, "x") }
        }
        try folder.write("en/ok.html", "ok")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("en/ok.html").path))
    }

    @Test("--out naming a file exits 73 and writes nothing")
    func outIsAFile() throws {
        let root = TestSupport.temporaryFolder("longhand-file")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("plain.txt")
        try Data("x".utf8).write(to: file)
        let r = try TestSupport.run("feedforward", ["--out", file.path])
        #expect(r.status == 73)
        #expect(r.stderr.contains("--out"))
        #expect(try Data(contentsOf: file) == Data("x".utf8))
    }
}
