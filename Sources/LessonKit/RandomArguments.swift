import LonghandEngine

/// Builders for random valid command-line values, used by lessons' `randomArguments`.
public enum RandomArguments {
    /// A number in `range`, rounded to `decimals` places so it prints exactly on the command line.
    public static func number(_ random: inout SeededRandom, _ range: ClosedRange<Double>, decimals: Int = 3) -> Double {
        let scale = Double.pow(10, Double(decimals))
        let x = (random.uniform(range.lowerBound, range.upperBound) * scale).rounded() / scale
        return min(max(x, range.lowerBound), range.upperBound)
    }

    /// A comma-separated list of `count` numbers in `range`.
    public static func list(_ random: inout SeededRandom, count: Int, _ range: ClosedRange<Double>, decimals: Int = 3) -> String {
        (0..<count).map { _ in text(number(&random, range, decimals: decimals)) }.joined(separator: ",")
    }

    /// A whole number in `range`.
    public static func integer(_ random: inout SeededRandom, _ range: ClosedRange<Int>) -> Int {
        range.lowerBound + random.index(below: range.upperBound - range.lowerBound + 1)
    }

    /// Command-line text of a number.
    public static func text(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }
}
