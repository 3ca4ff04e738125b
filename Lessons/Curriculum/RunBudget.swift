import ArgumentParser

/// The documented bound on the cost of one run: every accepted option set generates its pages in
/// under 10 s of CPU in a release build on the reference machine (2 cores). Options whose product
/// would exceed a lesson's measured budget are refused with one line naming the option to lower.
enum RunBudget {
    /// The bound, in seconds of CPU, that the limits below were measured against.
    static let seconds = 10.0

    /// Throws when `work` exceeds `limit`: `option` is the setting to lower, `largest` the largest value
    /// that fits with the other settings unchanged.
    static func check(_ work: Double, limit: Double, option: String, largest: Double, what: String) throws {
        guard work > limit else { return }
        let fits = Int(max(1, min(largest.rounded(.down), 1e9)))
        throw ValidationError("\(option): \(what) is more work than one run may take (under \(Int(seconds)) s); accepted with the other settings unchanged: at most \(fits)")
    }
}
