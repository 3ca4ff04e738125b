import ArgumentParser

/// A comma-separated list of finite numbers on the command line: `--weights 0.5,-1`.
public struct NumberList: ExpressibleByArgument, Equatable, Sendable, CustomStringConvertible {
    public var values: [Double]

    public init(_ values: [Double]) { self.values = values }

    /// Parses "0.5,-1"; fails on an empty item, a non-number, NaN or an infinity.
    public init?(argument: String) {
        let items = argument.split(separator: ",", omittingEmptySubsequences: false)
        var parsed: [Double] = []
        for item in items {
            let trimmed = item.trimmingCharacters(in: " ")
            guard let x = Double(trimmed), x.isFinite else { return nil }
            parsed.append(x)
        }
        guard !parsed.isEmpty else { return nil }
        values = parsed
    }

    public var description: String { values.map { NumberFormatForArguments.format($0) }.joined(separator: ",") }
    public var defaultValueDescription: String { description }
}

/// A finite number on the command line; NaN and infinities are refused.
public struct FiniteNumber: ExpressibleByArgument, Equatable, Sendable, CustomStringConvertible {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public init?(argument: String) {
        guard let x = Double(argument.trimmingCharacters(in: " ")), x.isFinite else { return nil }
        value = x
    }
    public var description: String { NumberFormatForArguments.format(value) }
    public var defaultValueDescription: String { description }
}

enum NumberFormatForArguments {
    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }
}

extension Substring {
    func trimmingCharacters(in character: Character) -> Substring {
        var s = self
        while s.first == character { s = s.dropFirst() }
        while s.last == character { s = s.dropLast() }
        return s
    }
}

extension String {
    func trimmingCharacters(in character: Character) -> Substring { Substring(self).trimmingCharacters(in: character) }
}
