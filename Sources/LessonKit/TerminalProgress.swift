import Foundation

/// A progress bar on the terminal while a lesson trains: drawn on stderr, and only when stderr is a
/// terminal (isatty(2)), so pipes, CI logs, tests and `--quiet` / `--json` runs stay clean.
///
/// The bar is redrawn in place with a carriage return and erased when done; it never touches
/// stdout, so the lesson's text and JSON are the same with or without it.
public struct TerminalProgress {
    private let label: String
    private var total: Int
    private let enabled: Bool
    private var shown = -1

    /// A bar for `total` units of work; silent unless `visible` and stderr is a terminal.
    public init(_ label: String, total: Int, visible: Bool) {
        self.label = label
        self.total = max(total, 0)
        let environment = ProcessInfo.processInfo.environment
        enabled = visible && isatty(2) == 1 && environment["CI"] == nil && environment["TERM"] != "dumb"
    }

    /// Shows that `done` of the units are finished (redrawn only when the bar changes).
    public mutating func update(_ done: Int) {
        guard enabled else { return }
        let width = 30
        let filled = min(width, done * width / max(total, 1))
        guard filled != shown else { return }
        shown = filled
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        StandardStreams.err("\r\(label) \(bar) \(min(done, total))/\(total)")
    }

    /// Adds `units` to the work to be done (work that becomes known only on the way); the next update redraws.
    public mutating func grow(by units: Int) {
        total += max(units, 0)
        shown = -1
    }

    /// Erases the bar.
    public func finish() {
        guard enabled else { return }
        StandardStreams.err("\r\u{1B}[2K")
    }
}

extension TerminalProgress {
    /// A progress bar that several trainings running side by side advance together: each finished
    /// unit of work, from whichever thread, moves the bar one step.
    public final class Shared: @unchecked Sendable {
        private let lock = NSLock()
        private var bar: TerminalProgress
        private var done = 0

        /// A shared bar for `total` units of work (see `TerminalProgress.init`).
        public init(_ label: String, total: Int, visible: Bool) {
            bar = TerminalProgress(label, total: total, visible: visible)
            // A bar whose work is not known yet (0) is first drawn when it grows.
            if total > 0 { bar.update(0) }
        }

        /// One more unit finished.
        public func advance() {
            lock.lock()
            defer { lock.unlock() }
            done += 1
            bar.update(done)
        }

        /// Adds `units` to the work to be done, and redraws.
        public func grow(by units: Int) {
            lock.lock()
            defer { lock.unlock() }
            bar.grow(by: units)
            bar.update(done)
        }

        /// Erases the bar.
        public func finish() {
            lock.lock()
            defer { lock.unlock() }
            bar.finish()
        }
    }
}
