import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why output could not be written, with the exit code the command line should use.
public struct OutputError: Error, CustomStringConvertible {
    public let description: String
    /// 64 (EX_USAGE) for an empty --out, 73 (EX_CANTCREAT) when the folder cannot be created, is not a
    /// folder or leads outside itself; 74 (EX_IOERR) for write failures (a full disk, a closed stdout).
    public let exitCode: Int32
    public init(_ description: String, exitCode: Int32) {
        self.description = description
        self.exitCode = exitCode
    }
}

/// The folder a run writes into, written a whole set at a time.
///
/// `write(_:)` stages every file of a set as a temporary file beside its target, and only when all
/// are written renames them into place: a failure while staging (a full disk) removes what this run
/// staged and leaves the previous set as it was; a run killed at any moment leaves each file old or
/// new, never half of one. Temporary files have one recognisable name, `.<name>.longhand-tmp-<pid>-<id>`:
/// SIGINT and SIGTERM remove them before the process ends, and opening a folder removes those left
/// by a process that no longer runs (SIGKILL). Paths cannot leave the folder, not through `..` and
/// not through a symbolic link inside it.
public struct OutputFolder: Sendable {
    public let root: URL
    /// The --out text, for messages.
    let given: String

    /// Opens (creating if needed) the folder at `path`; fails with a one-line reason if the path is
    /// empty, is a file, cannot be created, or cannot be written. Removes stale temporary files.
    public init(path: String) throws {
        guard !path.isEmpty else {
            throw OutputError("--out: the folder name is empty; give a folder to write the tutorials into", exitCode: 64)
        }
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
        given = path
        TemporaryFiles.removeStale(in: url)
    }

    /// The absolute URL of a relative path inside the folder; `..`, absolute paths and folders inside
    /// that are symbolic links (which would lead the write elsewhere) are refused.
    public func url(for relative: String) throws -> URL {
        let parts = relative.split(separator: "/")
        guard !relative.hasPrefix("/"), !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." }) else {
            throw OutputError("refusing to write '\(relative)' outside the output folder", exitCode: 73)
        }
        var url = root
        for part in parts.dropLast() {
            url.appendPathComponent(String(part))
            var info = stat()
            if lstat(url.path, &info) == 0 {
                if (info.st_mode & mode_t(S_IFMT)) == mode_t(S_IFLNK) {
                    throw OutputError("--out: '\(url.path)' is a symbolic link; refusing to write through it, outside the output folder (remove the link)", exitCode: 73)
                }
                if (info.st_mode & mode_t(S_IFMT)) != mode_t(S_IFDIR) {
                    throw OutputError("--out: '\(url.path)' is a file, not a folder; remove it to write '\(relative)'", exitCode: 73)
                }
            }
        }
        return url.appendingPathComponent(String(parts.last!))
    }

    /// Writes one file (a set of one).
    public func write(_ relative: String, _ contents: String) throws {
        try write([(relative, Data(contents.utf8))])
    }

    /// Writes one file (a set of one).
    public func write(_ relative: String, _ data: Data) throws {
        try write([(relative, data)])
    }

    /// Writes a set of text files: all of them or none.
    public func write(_ files: [(String, String)]) throws {
        try write(files.map { ($0.0, Data($0.1.utf8)) })
    }

    /// Writes a set of files: every file is staged first and renamed into place only when all are
    /// staged; an unchanged file is left untouched (so its date stays too).
    public func write(_ files: [(String, Data)]) throws {
        let fm = FileManager.default
        var staged: [(temporary: String, target: URL)] = []
        var createdFolders: [URL] = []
        func undo() {
            for entry in staged { unlink(entry.temporary) }
            TemporaryFiles.forget(staged.map(\.temporary))
            for folder in createdFolders.reversed() { rmdir(folder.path) }
        }
        do {
            for (relative, data) in files {
                let target = try url(for: relative)
                if Self.holds(target, data) { continue }
                let folder = target.deletingLastPathComponent()
                if !fm.fileExists(atPath: folder.path) {
                    var missing: [URL] = []
                    var f = folder
                    while !fm.fileExists(atPath: f.path) && f.path.count > root.path.count {
                        missing.append(f)
                        f.deleteLastPathComponent()
                    }
                    do {
                        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
                    } catch {
                        throw OutputError("cannot create folder '\(folder.path)'", exitCode: 73)
                    }
                    createdFolders += missing.reversed()
                }
                let temporary = TemporaryFiles.name(for: target)
                staged.append((temporary, target))
                try TemporaryFiles.create(temporary, data, shownAs: target.path)
                OutputFolder.injectedDelay()
            }
            for (i, entry) in staged.enumerated() {
                guard rename(entry.temporary, entry.target.path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    staged.removeFirst(i)
                    throw OutputError("cannot replace '\(entry.target.path)': \(reason)", exitCode: 74)
                }
            }
            TemporaryFiles.forget(staged.map(\.temporary))
        } catch {
            undo()
            throw error
        }
    }

    /// Whether the file at `url` holds exactly `data`: sizes first, then the bytes read in blocks, so
    /// a huge file already at the target is never read whole.
    static func holds(_ url: URL, _ data: Data) -> Bool {
        var info = stat()
        guard lstat(url.path, &info) == 0, (info.st_mode & mode_t(S_IFMT)) == mode_t(S_IFREG), Int(info.st_size) == data.count else { return false }
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return false }
        defer { try? handle.close() }
        var offset = 0
        while offset < data.count {
            guard let block = try? handle.read(upToCount: 1 << 16), !block.isEmpty else { return false }
            guard data[(data.startIndex + offset)..<(data.startIndex + offset + block.count)] == block else { return false }
            offset += block.count
        }
        return true
    }

    /// Fault injection for the interrupted-run tests: LONGHAND_TEST_WRITE_DELAY_US pauses after staging
    /// each file, widening the window in which a kill can land mid-write.
    private static let writeDelay: UInt32 = {
        UInt32(ProcessInfo.processInfo.environment["LONGHAND_TEST_WRITE_DELAY_US"].flatMap { UInt32($0) } ?? 0)
    }()

    private static func injectedDelay() {
        if writeDelay > 0 { usleep(writeDelay) }
    }

    /// Where Debian's libjs-katex puts KaTeX.
    public static let systemKaTeX = "/usr/share/javascript/katex"

    /// KaTeX's files (script, style sheet and fonts, symlinks resolved) as they go under assets/katex,
    /// or nil when KaTeX is not installed (pages then show the TeX source).
    public static func katexFiles(from source: String = OutputFolder.systemKaTeX) -> [(String, Data)]? {
        let fm = FileManager.default
        let src = URL(fileURLWithPath: source)
        guard fm.fileExists(atPath: src.appendingPathComponent("katex.min.js").path) else { return nil }
        var files: [(String, Data)] = []
        for name in ["katex.min.js", "katex.min.css"] {
            guard let data = fm.contents(atPath: src.appendingPathComponent(name).resolvingSymlinksInPath().path) else { return nil }
            files.append(("assets/katex/\(name)", data))
        }
        let fonts = src.appendingPathComponent("fonts").resolvingSymlinksInPath()
        // woff2 only: every browser that runs KaTeX reads it, so the .ttf and .woff copies are never fetched.
        for name in ((try? fm.contentsOfDirectory(atPath: fonts.path)) ?? []).sorted() where name.hasPrefix("KaTeX_") && name.hasSuffix(".woff2") {
            if let data = fm.contents(atPath: fonts.appendingPathComponent(name).resolvingSymlinksInPath().path) {
                files.append(("assets/katex/fonts/\(name)", data))
            }
        }
        return files
    }

    /// The KaTeX files this folder still needs: none when it already holds a KaTeX copy (the committed
    /// Output/ does, and a machine whose Debian KaTeX is another version must not churn it), else the
    /// system's files, or nil when there are none anywhere (pages then show the TeX source).
    public func katexFilesToWrite(from source: String = OutputFolder.systemKaTeX) -> [(String, Data)]? {
        if FileManager.default.fileExists(atPath: root.appendingPathComponent("assets/katex/katex.min.js").path) { return [] }
        return Self.katexFiles(from: source)
    }

    /// Copies KaTeX to assets/katex as one set. Returns false when KaTeX is not installed.
    @discardableResult
    public func installKaTeX(from source: String = OutputFolder.systemKaTeX) throws -> Bool {
        guard let files = Self.katexFiles(from: source) else { return false }
        try write(files)
        return true
    }
}

/// The pipe from the signal handler to the thread that cleans up (see `TemporaryFiles`).
nonisolated(unsafe) private var signalPipe: Int32 = -1

/// write(2), named apart from the methods called `write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}

/// The temporary files of this process: their one name pattern, their creation, and their removal
/// on SIGINT/SIGTERM and, when a process was killed outright, by the next run.
enum TemporaryFiles {
    /// What every temporary file's name contains.
    static let marker = ".longhand-tmp-"

    private static let lock = NSLock()
    nonisolated(unsafe) private static var live: Set<String> = []

    /// `.<name>.longhand-tmp-<pid>-<random>` beside `target`.
    static func name(for target: URL) -> String {
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent)\(marker)\(getpid())-\(random)").path
    }

    /// Writes `data` to the new file `path` (registered for removal on a signal).
    static func create(_ path: String, _ data: Data, shownAs target: String) throws {
        _ = installSignalHandlers
        lock.lock()
        live.insert(path)
        lock.unlock()
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw OutputError("cannot write '\(target)': \(String(cString: strerror(errno)))", exitCode: errno == ENOSPC ? 74 : 73)
        }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failure = n < 0 ? errno : ENOSPC; return }
                offset += n
            }
        }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure != 0 {
            throw OutputError("cannot write '\(target)': \(String(cString: strerror(failure)))", exitCode: 74)
        }
    }

    /// Stops tracking files that were renamed or removed.
    static func forget(_ paths: [String]) {
        lock.lock()
        live.subtract(paths)
        lock.unlock()
    }

    /// On SIGINT, SIGTERM or SIGHUP: remove this process's temporary files, then end as the signal would.
    /// The handler only writes the signal's number to a pipe (all a handler may safely do); a thread
    /// waiting on the pipe removes the files and raises the signal again with its default action.
    private static let installSignalHandlers: Void = {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        signalPipe = ends[1]
        let readEnd = ends[0]
        let cleaner = Thread {
            var number: Int32 = 0
            while read(readEnd, &number, MemoryLayout<Int32>.size) != MemoryLayout<Int32>.size {}
            TemporaryFiles.lock.lock()
            for path in TemporaryFiles.live { unlink(path) }
            TemporaryFiles.live.removeAll()
            signal(number, SIG_DFL)
            kill(getpid(), number)
        }
        cleaner.start()
        // A parent may have started this process with the signals blocked (a thread pool's mask is
        // inherited): unblock them, or they would wait until the run ends.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for number in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&unblocked, number) }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number) { received in
                var value = received
                _ = systemWrite(signalPipe, &value, MemoryLayout<Int32>.size)
            }
        }
    }()

    /// Removes temporary files under `root` (three levels deep) left by processes that no longer run:
    /// this pattern, and the two earlier ones (`.<name>.tmp-<pid>-<hex>`, Foundation's `.dat.nosync…`).
    static func removeStale(in root: URL) {
        let fm = FileManager.default
        var folders = [(root, 0)]
        while let entry = folders.popLast() {
            let (folder, depth) = entry
            guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names {
                let url = folder.appendingPathComponent(name)
                if name.hasPrefix(".") {
                    if isStale(name, at: url) { unlink(url.path) }
                    continue
                }
                var info = stat()
                if depth < 3, lstat(url.path, &info) == 0, (info.st_mode & mode_t(S_IFMT)) == mode_t(S_IFDIR) { folders.append((url, depth + 1)) }
            }
        }
    }

    /// Whether `name` is a temporary file whose process has ended.
    static func isStale(_ name: String, at url: URL) -> Bool {
        for marker in [marker, ".tmp-"] {
            guard let range = name.range(of: marker, options: .backwards) else { continue }
            let rest = name[range.upperBound...]
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0 else { continue }
            return pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
        }
        if name.hasPrefix(".dat.nosync") {
            // Foundation's own temporary files name no process: old enough means abandoned.
            let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? Date()
            return Date().timeIntervalSince(modified) > 600
        }
        return false
    }
}
