/// A spec file that cannot be turned into a walkthrough: where in the file, and what was expected.
///
/// The command line prints `file:line: path: message` and exits with `exitCode`: 65 (EX_DATAERR)
/// for a file that was read but is not a valid spec, 66 (EX_NOINPUT) for a file that is missing or
/// unreadable. The live editor shows the same line next to the text area.
public struct SpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The JSON path of the offending value, e.g. `layers[1].weights`; empty for the whole file.
    public let path: String
    /// The 1-based line of the offending value in the file, when known.
    public let line: Int?
    /// What was expected and what was found.
    public let message: String
    /// 65 for invalid data, 66 for a missing or unreadable file.
    public let exitCode: Int32

    /// An invalid value at `path` (line `line`).
    public init(path: String, line: Int?, _ message: String, exitCode: Int32 = 65) {
        self.path = path
        self.line = line
        self.message = message
        self.exitCode = exitCode
    }

    /// `line 12: layers[1].weights: expected 2 rows of 3 (units × inputs), got 3 rows of 2`.
    public var description: String {
        var parts: [String] = []
        if let line { parts.append("line \(line)") }
        if !path.isEmpty { parts.append(path) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
