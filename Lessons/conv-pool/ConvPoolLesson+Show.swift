import LonghandEngine
import Notebook

/// Small helpers the conv-pool lesson uses to show its numbers: names, sums of products, grids.
extension ConvPoolLesson {
    /// An element name like x_{1,2}, with a channel superscript x^{(2)}_{1,2} when there are several channels.
    static func element(_ base: String, _ channel: String?, _ i: Int, _ j: Int) -> Expr {
        let sup = channel.map { "^{(\($0))}" } ?? ""
        let plainBase = PlainMath.text(fromTeX: base)
        return .symbol(tex: "\(base)\(sup)_{\(i),\(j)}", text: "\(plainBase)\(channel.map { "(\($0))" } ?? "")[\(i),\(j)]")
    }

    /// The channel label of channel c when there are several (counted from 1 for readers), else nil.
    static func channelLabel(_ c: Int, of count: Int) -> String? { count > 1 ? "\(c + 1)" : nil }

    /// The label of kernel (o, c) when there are several.
    static func kernelLabel(_ o: Int, _ c: Int, _ s: Setup) -> String? {
        s.outChannels * s.inChannels > 1 ? "\(o + 1),\(c + 1)" : nil
    }

    /// k1·x1 + k2·x2 + … (+ bias), each product kept as it is written.
    static func products(_ terms: [(Double, Double)], bias: Double? = nil) -> Expr {
        var e: [Expr] = terms.map { .product([.n($0.0), .n($0.1)]) }
        if let bias { e.append(.n(bias)) }
        if e.isEmpty { return .n(0) }
        return e.count == 1 ? e[0] : .sum(e)
    }

    /// `expression = value` as one cell or step element.
    static func equals(_ e: Expr, _ v: Double) -> Expr {
        .raw(tex: ExprRendering.tex(e) + " = " + ExprRendering.texNumber(v), text: ExprRendering.text(e) + " = " + NumberFormat.short(v))
    }

    /// A symbol whose TeX and plain text differ.
    static func sym(_ tex: String, _ text: String) -> Expr { .symbol(tex: tex, text: text) }

    /// A tensor as JSON: [channel][row][column].
    static func json(_ t: Tensor3) -> JSONValue { .array(t.nested.map { .matrix($0) }) }

    /// The kernels as JSON: [output channel][input channel][row][column].
    static func json(kernels conv: Conv2D) -> JSONValue {
        .array((0..<conv.outChannels).map { o in .array((0..<conv.inChannels).map { c in .matrix(conv.kernel(o, c)) }) })
    }

    /// The kernel gradient as nested kernels, laid out like `json(kernels:)`.
    static func kernels(_ flat: [Double], like conv: Conv2D) -> [[[[Double]]]] {
        (0..<conv.outChannels).map { o in
            (0..<conv.inChannels).map { c in
                (0..<conv.kernelRows).map { a in (0..<conv.kernelColumns).map { b in flat[conv.weightIndex(o, c, a, b)] } }
            }
        }
    }

    /// Input channel c with P rings of zeros, as the convolution sees it.
    static func padded(_ s: Setup, _ c: Int) -> [[Double]] { Correlation.zeroPadded(s.input.channel(c), by: s.padding) }

    /// The products behind conv output (o, i, j): (kernel weight, input value) for every input
    /// channel and window cell, padding zeros included, in reading order.
    static func convTerms(_ s: Setup, _ o: Int, _ i: Int, _ j: Int) -> [(Double, Double)] {
        (0..<s.inChannels).flatMap { c in
            Correlation.terms(padded(s, c), s.net.conv.kernel(o, c), row: i, column: j, stride: s.stride)
        }
    }

    /// A panel for a grid drawing.
    static func panel(_ values: [[Double]], _ en: String, _ zh: String, _ highlights: [GridDrawing.Highlight] = [],
                      padding: Int = 0, fadeZeros: Bool = false, digits: Int = 3) -> GridDrawing.Item {
        .grid(.init(values, caption: Localized(en, zh: zh), highlights: highlights, padding: padding,
                    digits: digits, fadeZeros: fadeZeros))
    }

    /// A window outline of `size` cells at (row, column).
    static func window(_ row: Int, _ column: Int, _ rows: Int, _ columns: Int, color: Int) -> GridDrawing.Highlight {
        .init(row: row, column: column, rows: rows, columns: columns, color: color, filled: false)
    }

    /// One filled cell.
    static func cell(_ row: Int, _ column: Int, color: Int) -> GridDrawing.Highlight {
        .init(row: row, column: column, color: color, filled: true)
    }

    /// "(1, 2)" in prose.
    static func at(_ i: Int, _ j: Int) -> String { "(\(i), \(j))" }
}

extension ConvPoolLesson {
    /// A symbol with an optional channel label and index: X^{(2)}_{0,1} / X(2)[0,1].
    static func labelled(_ tex: String, _ text: String, _ label: String?, _ index: (Int, Int)? = nil) -> Expr {
        let supTeX = label.map { "^{(\($0))}" } ?? "", supText = label.map { "(\($0))" } ?? ""
        let subTeX = index.map { "_{\($0.0),\($0.1)}" } ?? "", subText = index.map { "[\($0.0),\($0.1)]" } ?? ""
        return .symbol(tex: tex + supTeX + subTeX, text: text + supText + subText)
    }

    /// ∂L/∂(symbol) with an optional channel label and index; a fraction, or a slash in table cells.
    static func grad(_ tex: String, _ text: String, _ label: String?, _ index: (Int, Int)? = nil, slash: Bool = false) -> Expr {
        guard case .symbol(let t, let p) = labelled(tex, text, label, index) else { return .n(0) }
        return .symbol(tex: slash ? "\\partial L / \\partial \(t)" : "\\frac{\\partial L}{\\partial \(t)}", text: "∂L/∂\(p)")
    }
}
