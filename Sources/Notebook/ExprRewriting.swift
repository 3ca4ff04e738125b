/// Walking an expression tree once, for every pass that looks for or replaces one kind of node
/// (sum folding, matrix folding): the traversal lives here, each pass says only what it changes.
extension Expr {
    /// The expressions directly inside this one.
    public var children: [Expr] {
        switch self {
        case .sum(let terms), .product(let terms), .call(_, _, let terms): return terms
        case .difference(let a, let b), .quotient(let a, let b), .power(let a, let b): return [a, b]
        case .negation(let a), .exp(let a), .group(let a): return [a]
        case .number, .symbol, .matrix, .raw: return []
        }
    }

    /// The largest `measure` of this node or any node inside it (0 for none).
    public func largest(_ measure: (Expr) -> Int) -> Int {
        children.reduce(measure(self)) { max($0, $1.largest(measure)) }
    }

    /// The expression rebuilt bottom-up: the children first, then `replace` on the node itself, which
    /// returns the new node or nil to keep it. `changed` becomes true when any node was replaced.
    public func rewritten(_ replace: (Expr) -> Expr?, changed: inout Bool) -> Expr {
        let node: Expr
        switch self {
        case .sum(let terms): node = .sum(terms.map { $0.rewritten(replace, changed: &changed) })
        case .product(let factors): node = .product(factors.map { $0.rewritten(replace, changed: &changed) })
        case .call(let tex, let text, let args): node = .call(tex: tex, text: text, args.map { $0.rewritten(replace, changed: &changed) })
        case .difference(let a, let b): node = .difference(a.rewritten(replace, changed: &changed), b.rewritten(replace, changed: &changed))
        case .quotient(let a, let b): node = .quotient(a.rewritten(replace, changed: &changed), b.rewritten(replace, changed: &changed))
        case .power(let a, let b): node = .power(a.rewritten(replace, changed: &changed), b.rewritten(replace, changed: &changed))
        case .negation(let a): node = .negation(a.rewritten(replace, changed: &changed))
        case .exp(let a): node = .exp(a.rewritten(replace, changed: &changed))
        case .group(let a): node = .group(a.rewritten(replace, changed: &changed))
        case .number, .symbol, .matrix, .raw: node = self
        }
        guard let replaced = replace(node) else { return node }
        changed = true
        return replaced
    }
}

extension Step {
    /// The step with `replace` applied to every expression (see `Expr.rewritten`), or nil when it replaced nothing.
    public func rewritten(_ replace: (Expr) -> Expr?) -> Step? {
        var changed = false
        let lhs = lhs.rewritten(replace, changed: &changed)
        let chain = chain.map { $0.rewritten(replace, changed: &changed) }
        return changed ? Step(lhs: lhs, chain: chain) : nil
    }

    /// The largest `measure` of any node of the step's expressions.
    public func largest(_ measure: (Expr) -> Int) -> Int {
        ([lhs] + chain).map { $0.largest(measure) }.max() ?? 0
    }
}
