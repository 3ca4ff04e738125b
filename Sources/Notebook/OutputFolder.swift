import Foundation

/// Why output could not be written, with the exit code the command line should use.
public struct OutputError: Error, CustomStringConvertible {
    public let description: String
    /// 73 (EX_CANTCREAT) when the folder cannot be created or is not a folder; 74 (EX_IOERR) for write failures.
    public let exitCode: Int32
    public init(_ description: String, exitCode: Int32) {
        self.description = description
        self.exitCode = exitCode
    }
}

/// The folder a run writes into. Every file is written atomically (a temporary file in the same
/// folder, then a rename), so a run killed at any moment leaves the old file or the new one, never
/// half of one; paths cannot leave the folder.
public struct OutputFolder: Sendable {
    public let root: URL

    /// Opens (creating if needed) the folder at `path`; fails with a one-line reason if it is a
    /// file, cannot be created, or cannot be written.
    public init(path: String) throws {
        let fm = FileManager.default
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw OutputError("--out: '\(path)' is a file, not a folder; give a folder to write the tutorials into", exitCode: 73)
            }
        } else {
            do {
                try fm.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw OutputError("--out: cannot create folder '\(path)'; give a folder you can write to", exitCode: 73)
            }
        }
        guard fm.isWritableFile(atPath: url.path) else {
            throw OutputError("--out: folder '\(path)' is not writable; give a folder you can write to", exitCode: 73)
        }
        root = url
    }

    /// The absolute URL of a relative path inside the folder; `..` and absolute paths are refused.
    public func url(for relative: String) throws -> URL {
        let parts = relative.split(separator: "/")
        guard !relative.hasPrefix("/"), !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." }) else {
            throw OutputError("refusing to write '\(relative)' outside the output folder", exitCode: 73)
        }
        return parts.reduce(root) { $0.appendingPathComponent(String($1)) }
    }

    /// Writes text atomically; an unchanged file is left untouched (so its date stays too).
    public func write(_ relative: String, _ contents: String) throws {
        try write(relative, Data(contents.utf8))
    }

    /// Writes bytes atomically.
    public func write(_ relative: String, _ data: Data) throws {
        let target = try url(for: relative)
        let folder = target.deletingLastPathComponent()
        let fm = FileManager.default
        if let existing = fm.contents(atPath: target.path), existing == data { return }
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError("cannot create folder '\(folder.path)'", exitCode: 73)
        }
        // The process id and a random suffix keep temporary names apart across processes and threads.
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())-\(UUID().uuidString.prefix(8))")
        guard fm.createFile(atPath: temporary.path, contents: data) else {
            throw OutputError("cannot write '\(target.path)'", exitCode: 74)
        }
        OutputFolder.injectedDelay()
        guard rename(temporary.path, target.path) == 0 else {
            try? fm.removeItem(at: temporary)
            throw OutputError("cannot replace '\(target.path)'", exitCode: 74)
        }
    }

    /// Fault injection for the interrupted-run test: LONGHAND_TEST_WRITE_DELAY_US pauses between writing a
    /// temporary file and renaming it, widening the window in which a kill can land mid-write.
    private static let writeDelay: UInt32 = {
        UInt32(ProcessInfo.processInfo.environment["LONGHAND_TEST_WRITE_DELAY_US"].flatMap { UInt32($0) } ?? 0)
    }()

    private static func injectedDelay() {
        if writeDelay > 0 { usleep(writeDelay) }
    }

    /// Where Debian's libjs-katex puts KaTeX.
    public static let systemKaTeX = "/usr/share/javascript/katex"

    /// Copies KaTeX (script, style sheet and fonts, symlinks resolved) to assets/katex once.
    /// Returns false when KaTeX is not installed; pages then show the TeX source.
    @discardableResult
    public func installKaTeX(from source: String = OutputFolder.systemKaTeX) throws -> Bool {
        let fm = FileManager.default
        let src = URL(fileURLWithPath: source)
        guard fm.fileExists(atPath: src.appendingPathComponent("katex.min.js").path) else { return false }
        let fonts = src.appendingPathComponent("fonts").resolvingSymlinksInPath()
        let fontFiles = (try? fm.contentsOfDirectory(atPath: fonts.path))?.sorted() ?? []
        for name in ["katex.min.js", "katex.min.css"] {
            let file = src.appendingPathComponent(name).resolvingSymlinksInPath()
            guard let data = fm.contents(atPath: file.path) else { return false }
            try write("assets/katex/\(name)", data)
        }
        for name in fontFiles where name.hasPrefix("KaTeX_") {
            let file = fonts.appendingPathComponent(name).resolvingSymlinksInPath()
            if let data = fm.contents(atPath: file.path) { try write("assets/katex/fonts/\(name)", data) }
        }
        return true
    }
}
