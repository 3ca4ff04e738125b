#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to stdout and stderr without crashing when they are closed or full.
///
/// Foundation's `FileHandle.write` raises an exception that ends the process with an illegal
/// instruction (exit 132) when the stream is closed (`2>&-`) or the device is full (`2>/dev/full`),
/// and `print` buffers stdout so a failed write is lost silently. These functions write with
/// `write(2)` directly: a failure on stderr is ignored (there is nowhere left to report it), a
/// failure on stdout is returned so the run can exit 74 instead of losing its output.
public enum StandardStreams {
    /// Writes `text` to stdout; false when it could not all be written (or stdout was closed).
    @discardableResult
    public static func out(_ text: String) -> Bool { !closedAtStart.contains(1) && write(text, to: 1) }

    /// Which of stdout and stderr were closed when the process started.
    nonisolated(unsafe) private static var closedAtStart: Set<Int32> = []

    /// Puts /dev/null on a closed stdout or stderr, so the next file this process opens cannot take
    /// descriptor 1 or 2 and receive the text meant for the terminal. Call first thing.
    public static func guardClosedDescriptors() {
        for descriptor: Int32 in [1, 2] where fcntl(descriptor, F_GETFD) == -1 {
            let null = open("/dev/null", O_RDWR)
            if null >= 0 && null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
            closedAtStart.insert(descriptor)
        }
    }

    /// Writes `text` to stderr; a failure is ignored.
    public static func err(_ text: String) { _ = write(text, to: 2) }

    /// A closed pipe then makes `write` fail with EPIPE instead of killing the process.
    public static func ignoreBrokenPipes() { _ = signal(SIGPIPE, SIG_IGN) }

    private static func write(_ text: String, to descriptor: Int32) -> Bool {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }
}
