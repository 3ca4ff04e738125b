/// Long sums shortened for reading: `a₁ + a₂ + a₃ + … + a₃₃` instead of 33 products on ten lines.
///
/// The page shows the folded step and keeps the full one a click away, so every term is still there
/// for a reader who wants to check it.
public enum SumFolding {
    /// Sums with more terms than this are folded.
    public static let longest = 8
    /// How many terms stay visible at the start and at the end of a folded sum.
    static let head = 3, tail = 2

    /// The step with every long sum folded, or nil when it has none.
    public static func fold(_ step: Step) -> Step? {
        step.rewritten { node in
            guard case .sum(let terms) = node, terms.count > longest else { return nil }
            return .sum(Array(terms.prefix(head)) + [.raw(tex: "\\cdots", text: "…")] + Array(terms.suffix(tail)))
        }
    }

    /// How many terms the longest sum of the step has.
    public static func longestSum(_ step: Step) -> Int {
        step.largest { if case .sum(let terms) = $0 { return terms.count } else { return 0 } }
    }
}
