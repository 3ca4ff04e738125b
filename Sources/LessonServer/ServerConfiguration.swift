import Foundation
import LessonKit

/// How the live server runs: where it listens, which lessons it serves and its cost limits.
public struct ServerConfiguration: Sendable {
    /// Address to listen on (127.0.0.1 by default).
    public var host: String
    /// Port to listen on; 0 picks a free port (the tests do).
    public var port: Int
    /// The lessons, in reading order.
    public var course: [any Lesson.Type] {
        get { lessons.map(\.type) }
        set { lessons = newValue.map(LessonType.init) }
    }
    private var lessons: [LessonType]
    /// Caps on costly options per request.
    public var budget = RequestBudget.standard
    /// Lesson runs at once: the machine's cores.
    public var concurrentRuns = ProcessInfo.processInfo.activeProcessorCount
    /// How long a request may wait for a free core before the server answers 503.
    public var queueDeadline: Duration = .seconds(10)
    /// Rendered files kept in the cache (0: none), and their total size. A local server has one or a
    /// few readers: 128 pages cover every lesson of both editions at the source's numbers and the
    /// reader's recent tries, and 32 MB keeps the server's memory within twice its size after start-up.
    public var cacheEntries = 128
    public var cacheBytes = 32 << 20
    /// Longest request target (path and query) accepted; longer gets 414.
    public var maxTargetLength = 4096
    /// Where KaTeX is read from once at start-up (Debian's libjs-katex).
    public var katexFolder = "/usr/share/javascript/katex"

    /// A configuration serving `course` at host:port with the standard limits.
    public init(host: String = "127.0.0.1", port: Int = 8080, course: [any Lesson.Type]) {
        self.host = host
        self.port = port
        self.lessons = course.map(LessonType.init)
    }

    /// Whether `host` names this machine only (127.0.0.0/8, ::1, localhost).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
