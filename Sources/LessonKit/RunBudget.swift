import Notebook

/// The documented bound on the cost of one run: every accepted option set generates its pages in
/// under 10 s of CPU in a release build on the reference machine (2 cores). Options whose product
/// would exceed a lesson's measured budget are refused with one line naming the option to lower.
public enum RunBudget {
    /// The bound, in seconds of CPU, that the lessons' limits were measured against.
    public static let seconds = 10.0

    /// Refuses `option` when `work` exceeds `limit`: `largest` is the largest value of `option` that fits
    /// with the other settings unchanged, `what` the work asked for, in both languages (for `validateTogether()`).
    public static func check(_ work: Double, limit: Double, option: String, largest: Double, what: Localized) throws(OptionError) {
        guard work > limit else { return }
        let fits = Int(max(1, min(largest.rounded(.down), 1e9)))
        throw Check.refuse(option, "\(what.en) is more work than one run may take (under \(Int(seconds)) s); accepted with the other settings unchanged: at most \(fits)",
                           zh: "\(what.zh)的计算量超出了一次运行的上限（\(Int(seconds)) 秒以内）；其他设置不变时可接受：至多 \(fits)")
    }
}
