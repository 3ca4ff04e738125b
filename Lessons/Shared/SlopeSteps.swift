import LonghandEngine
import Notebook

/// Worked lines for the sigmoid's and tanh's slopes in the form the engine computes them.
///
/// σ′ = σ(1 − σ) and tanh′ = 1 − tanh² are the textbook identities, but evaluated that way they cancel: once σ(z) prints
/// as 1, the line reads 1·(1 − 1) beside a slope of 2e-9. The engine computes σ′(z) = e^{−|z|}/(1 + e^{−|z|})² and
/// tanh′(z) = 4e^{−2|z|}/(1 + e^{−2|z|})², so these chains print that form, with e^{−|z|} evaluated, and reproduce the
/// number written beside them.
enum SlopeSteps {
    /// −|z| without a negative zero.
    static func minusAbs(_ z: Double) -> Double { z == 0 ? 0 : -abs(z) }

    /// σ′(z) = e^{−|z|}/(1 + e^{−|z|})², then with e^{−|z|} evaluated.
    static func sigmoid(_ z: Double) -> [Expr] {
        let u = minusAbs(z), e = Double.exp(u)
        return [.quotient(.exp(.n(u)), .power(.group(.sum([.n(1), .exp(.n(u))])), .n(2))),
                .quotient(.n(e), .power(.group(.sum([.n(1), .n(e)])), .n(2)))]
    }

    /// tanh′(z) = 4e^{−2|z|}/(1 + e^{−2|z|})², then with e^{−2|z|} evaluated.
    static func tanh(_ z: Double) -> [Expr] {
        let u = minusAbs(2 * z), e = Double.exp(u)
        return [.quotient(.product([.n(4), .exp(.n(u))]), .power(.group(.sum([.n(1), .exp(.n(u))])), .n(2))),
                .quotient(.product([.n(4), .n(e)]), .power(.group(.sum([.n(1), .n(e)])), .n(2)))]
    }

    /// The sentence that says which form the worked slopes use.
    static let convention = Localized("""
        Slopes of the sigmoid and tanh are computed as $\\sigma'(z) = e^{-|z|}/(1 + e^{-|z|})^2$ and \
        $\\tanh'(z) = 4e^{-2|z|}/(1 + e^{-2|z|})^2$: the same values as $\\sigma(1 - \\sigma)$ and $1 - \\tanh^2$, but without \
        subtracting two nearly equal numbers, which for large $|z|$ would lose most of the digits (or all: $1 - \\tanh^2(20)$ is \
        exactly 0 in double precision, while the true slope is $1.7 \\times 10^{-17}$).
        """, zh: """
        sigmoid 和 tanh 的斜率按 $\\sigma'(z) = e^{-|z|}/(1 + e^{-|z|})^2$ 和 $\\tanh'(z) = 4e^{-2|z|}/(1 + e^{-2|z|})^2$ 计算：\
        数值与 $\\sigma(1 - \\sigma)$、$1 - \\tanh^2$ 相同，却不必让两个几乎相等的数相减。$|z|$ 很大时，那样的减法会丢掉大部分\
        有效数字，甚至全部丢光：在双精度下 $1 - \\tanh^2(20)$ 恰好是 0，而真实的斜率是 $1.7 \\times 10^{-17}$。
        """)
}
