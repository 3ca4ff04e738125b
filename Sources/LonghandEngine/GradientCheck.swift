/// Central finite differences: the independent check of every analytic gradient in Longhand.
public enum GradientCheck {
    /// The default step h; with central differences the error is O(h²) ≈ 1e-10 for smooth functions.
    public static let defaultStep = 1e-5

    /// (f(x + h·e_i) − f(x − h·e_i)) / 2h for every coordinate i.
    public static func centralDifferences(at x: [Double], step h: Double = defaultStep,
                                          _ f: ([Double]) -> Double) -> [Double] {
        (0..<x.count).map { i in
            var plus = x, minus = x
            plus[i] += h
            minus[i] -= h
            return (f(plus) - f(minus)) / (2 * h)
        }
    }

    /// |a − n| / max(|a|, |n|, tiny): 0 when both are 0, so exact zeros compare as equal.
    public static func relativeError(_ analytic: Double, _ numeric: Double) -> Double {
        let scale = max(abs(analytic), abs(numeric))
        if scale < 1e-300 { return 0 }
        return abs(analytic - numeric) / scale
    }

    /// One row of a check: the analytic and numeric gradient and their relative error.
    public struct Entry: Equatable, Sendable {
        public let analytic: Double
        public let numeric: Double
        public var relativeError: Double { GradientCheck.relativeError(analytic, numeric) }
        /// An entry passes when the relative error is small, or both are so tiny that the
        /// difference is rounding (absolute error below 1e-9).
        public func passes(tolerance: Double = 1e-6) -> Bool {
            relativeError <= tolerance || abs(analytic - numeric) < 1e-9
        }
    }

    /// Compares an analytic gradient with central differences of f at x.
    public static func compare(analytic: [Double], at x: [Double], step h: Double = defaultStep,
                               _ f: ([Double]) -> Double) -> [Entry] {
        let numeric = centralDifferences(at: x, step: h, f)
        return zip(analytic, numeric).map { Entry(analytic: $0, numeric: $1) }
    }
}
