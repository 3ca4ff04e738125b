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
        var changed = false
        let lhs = fold(step.lhs, &changed)
        let chain = step.chain.map { fold($0, &changed) }
        return changed ? Step(lhs: lhs, chain: chain) : nil
    }

    /// How many terms the longest sum of the step has.
    public static func longestSum(_ step: Step) -> Int {
        ([step.lhs] + step.chain).map(longestSum).max() ?? 0
    }

    static func longestSum(_ e: Expr) -> Int {
        switch e {
        case .sum(let terms): return max(terms.count, terms.map(longestSum).max() ?? 0)
        case .difference(let a, let b), .quotient(let a, let b), .power(let a, let b): return max(longestSum(a), longestSum(b))
        case .product(let fs): return fs.map(longestSum).max() ?? 0
        case .negation(let a), .exp(let a), .group(let a): return longestSum(a)
        case .call(_, _, let args): return args.map(longestSum).max() ?? 0
        case .number, .symbol, .matrix, .raw: return 0
        }
    }

    static func fold(_ e: Expr, _ changed: inout Bool) -> Expr {
        switch e {
        case .sum(let terms):
            let inner = terms.map { fold($0, &changed) }
            guard inner.count > longest else { return .sum(inner) }
            changed = true
            return .sum(Array(inner.prefix(head)) + [.raw(tex: "\\cdots", text: "…")] + Array(inner.suffix(tail)))
        case .difference(let a, let b): return .difference(fold(a, &changed), fold(b, &changed))
        case .product(let fs): return .product(fs.map { fold($0, &changed) })
        case .quotient(let a, let b): return .quotient(fold(a, &changed), fold(b, &changed))
        case .negation(let a): return .negation(fold(a, &changed))
        case .power(let a, let b): return .power(fold(a, &changed), fold(b, &changed))
        case .exp(let a): return .exp(fold(a, &changed))
        case .call(let t, let x, let args): return .call(tex: t, text: x, args.map { fold($0, &changed) })
        case .group(let a): return .group(fold(a, &changed))
        case .number, .symbol, .matrix, .raw: return e
        }
    }
}
