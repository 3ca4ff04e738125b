import Foundation
import Testing
@testable import Notebook

/// The command line under hostile conditions: an empty --out, closed or full stdout/stderr, a full
/// file system, kills mid-write, a huge file in the way, a symbolic link inside --out.
@Suite("reliability", .serialized)
struct ReliabilityTests {
    /// Runs `script` with /bin/sh (for redirections a Process cannot express), `$BIN` set to the
    /// products folder; returns the exit status and stderr.
    static func shell(_ script: String) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.environment = ProcessInfo.processInfo.environment.merging(["BIN": TestSupport.productsFolder.path]) { $1 }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Every file under `folder`, relative paths, hidden ones included.
    static func allFiles(_ folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    @Test("an empty --out is refused with exit 64 by every lesson and by longhand; so is --only naming no lesson")
    func emptyOut() throws {
        for lesson in ["perceptron", "digits"] {
            let r = try TestSupport.run(lesson, ["--out", ""])
            #expect(r.status == 64 && r.stderr.contains("--out") && r.stderr.split(separator: "\n").count == 1, "\(lesson): \(r.stderr)")
        }
        for arguments in [["--out", ""], ["--only", ""], ["--only", ","], ["--only", "perceptron,"]] {
            let folder = TestSupport.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let r = try TestSupport.run("longhand", arguments.first == "--out" ? arguments : arguments + ["--out", folder.path])
            #expect(r.status == 64 && r.stderr.contains(arguments[0]), "longhand \(arguments): exit \(r.status) \(r.stderr)")
            #expect(Self.allFiles(folder).isEmpty)
        }
    }

    @Test("a closed or full stderr never crashes; a closed or full stdout exits 74 instead of losing the JSON")
    func closedStreams() throws {
        let folder = TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = "'\(folder.path)'"
        #expect(try Self.shell("exec \"$BIN/perceptron\" --threshold x --out \(out) 2>&-").status == 64)
        #expect(try Self.shell("exec \"$BIN/perceptron\" --threshold x --out \(out) 2>/dev/full").status == 64)
        #expect(try Self.shell("exec \"$BIN/longhand\" --only nope --out \(out) 2>/dev/full").status == 64)
        // A run that ends with a warning (training diverges), its stderr full or closed.
        let diverging = "\"$BIN/quadrant-net\" --learning-rate 1000 --iterations 30 --quiet --out \(out)"
        #expect(try Self.shell("exec \(diverging) 2>/dev/full").status == 0)
        #expect(try Self.shell("exec \(diverging) 2>&-").status == 0)
        let json = try Self.shell("exec \"$BIN/perceptron\" --json --out \(out) >/dev/full")
        #expect(json.status == 74 && json.stderr.contains("standard output"), "\(json)")
        #expect(try Self.shell("exec \"$BIN/perceptron\" --json --out \(out) >&-").status == 74)
        #expect(try Self.shell("exec \"$BIN/perceptron\" --out \(out) >/dev/full").status == 74)
    }

    @Test("a full file system: exit 74, nothing of the new set written, the previous set left as it was")
    func fullFileSystem() throws {
        let mountPoint = TestSupport.temporaryFolder("longhand-tmpfs")
        defer { try? FileManager.default.removeItem(at: mountPoint) }
        let mount = try Self.shell("mount -t tmpfs -o size=200k longhand-test '\(mountPoint.path)' 2>&1 >&2")
        guard mount.status == 0 else {
            print("full file system test skipped: cannot mount a 200 KB tmpfs here (\(mount.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))")
            return
        }
        defer { _ = try? Self.shell("umount '\(mountPoint.path)'") }
        // The previous set: a small page from an earlier run.
        let previous = mountPoint.appendingPathComponent("en/perceptron.md")
        try FileManager.default.createDirectory(at: previous.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("the previous page\n".utf8).write(to: previous)
        for (name, arguments) in [("perceptron", ["--quiet"]), ("longhand", ["--only", "perceptron,feedforward", "--quiet"])] {
            let r = try TestSupport.run(name, arguments + ["--out", mountPoint.path])
            #expect(r.status == 74, "\(name): exit \(r.status) \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("No space left"), "\(r.stderr)")
            #expect(Self.allFiles(mountPoint) == ["en/perceptron.md"], "\(name) left \(Self.allFiles(mountPoint))")
            #expect(try String(contentsOf: previous, encoding: .utf8) == "the previous page\n")
        }
    }

    @Test("SIGTERM and SIGINT remove the run's temporary files; after SIGKILL the next run removes them")
    func killedRunsLeaveNoTemporaryFiles() throws {
        let folder = TestSupport.temporaryFolder("longhand-signals")
        defer { try? FileManager.default.removeItem(at: folder) }
        func temporaries() -> [String] { Self.allFiles(folder).filter { $0.contains(".longhand-tmp-") || $0.contains(".tmp-") || $0.contains(".nosync") } }
        var interrupted = 0, leftAfterKill = 0
        for (round, signal) in [SIGTERM, SIGINT, SIGTERM, SIGINT, SIGKILL, SIGKILL].enumerated() {
            let process = Process()
            process.executableURL = TestSupport.productsFolder.appendingPathComponent("perceptron")
            // Different numbers each round, so every page is staged again.
            process.arguments = ["--threshold", String(round), "--out", folder.path, "--quiet"]
            process.environment = ProcessInfo.processInfo.environment.merging(["LONGHAND_TEST_WRITE_DELAY_US": "20000"]) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until the run has staged a temporary file, then signal it.
            let deadline = Date().addingTimeInterval(20)
            while process.isRunning && temporaries().isEmpty && Date() < deadline { usleep(2_000) }
            guard process.isRunning else { continue }
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            interrupted += 1
            if signal == SIGKILL {
                leftAfterKill += temporaries().count
            } else {
                #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
                #expect(temporaries().isEmpty, "signal \(signal) left \(temporaries())")
            }
        }
        #expect(interrupted >= 4, "the runs finished before they could be signalled")
        // The next run removes what killed runs left.
        #expect(try TestSupport.run("perceptron", ["--out", folder.path, "--quiet"]).status == 0)
        #expect(temporaries().isEmpty, "the next run left \(temporaries())")
        print("signals: \(interrupted) runs interrupted, \(leftAfterKill) temporary files left by SIGKILL and removed by the next run")
    }

    @Test("a 1 GB file at a target path is compared by size, not read into memory")
    func hugeFileInTheWay() throws {
        let folder = TestSupport.temporaryFolder("longhand-huge")
        defer { try? FileManager.default.removeItem(at: folder) }
        let huge = folder.appendingPathComponent("en/perceptron.md")
        try FileManager.default.createDirectory(at: huge.deletingLastPathComponent(), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: huge.path, contents: nil)
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 1 << 30)   // sparse: 1 GB long, no disk used
        try handle.close()
        // The child's peak memory, measured by a Python parent (ru_maxrss of its only child, in KB).
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import resource, subprocess, sys
            r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
            print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            """, TestSupport.productsFolder.appendingPathComponent("perceptron").path, "--out", folder.path, "--quiet", "--lang", "en"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let fields = text.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(fields.count == 2 && fields[0] == 0, "\(text)")
        let peakMB = (fields.last ?? 0) / 1024
        #expect(peakMB < 200, "peak memory \(peakMB) MB with a 1 GB file in the way")
        let size = try FileManager.default.attributesOfItem(atPath: huge.path)[.size] as? Int ?? 0
        #expect(size > 0 && size < 1_000_000, "the page was not replaced: \(size) bytes")
        print("huge file: peak memory \(peakMB) MB")
    }

    @Test("a symbolic link inside --out is refused (exit 73) and nothing is written through it")
    func symbolicLinkInsideOut() throws {
        let root = TestSupport.temporaryFolder("longhand-link")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out"), elsewhere = root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("en"), withDestinationURL: elsewhere)
        let r = try TestSupport.run("perceptron", ["--out", out.path, "--quiet"])
        #expect(r.status == 73 && r.stderr.contains("symbolic link"), "\(r.stderr)")
        #expect(Self.allFiles(elsewhere).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("zh").path), "half a set was written")
    }

    @Test("--help says that --quiet keeps warnings")
    func quietKeepsWarnings() throws {
        #expect(try TestSupport.run("perceptron", ["--help"]).stdout.contains("Print nothing but errors and warnings"))
        // `longhand --help` lists the subcommands; the site generator's options are under `generate`.
        #expect(try TestSupport.run("longhand", ["generate", "--help"]).stdout.contains("Print nothing but errors and warnings"))
    }
}
