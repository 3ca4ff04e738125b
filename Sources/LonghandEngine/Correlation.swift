/// Plain single-map 2-D cross-correlation and the reshapings (pad, dilate, rotate, crop) that the
/// backward formulas of a convolutional layer are written with.
///
/// `Conv2D` computes its gradients by scattering each output's gradient; these functions compute
/// the same numbers in the "convolution form" that textbooks (and `000`) arrive at, so a lesson can
/// show both and a test can check that they agree.
public enum Correlation {
    /// Valid cross-correlation (no flip): out[i][j] = Σ_a Σ_b k[a][b] · x[i·s + a][j·s + b].
    /// The kernel must fit inside x; the output has ⌊(H − F)/s⌋ + 1 rows.
    public static func valid(_ x: [[Double]], _ k: [[Double]], stride s: Int = 1) -> [[Double]] {
        let (H, W, F, G) = (x.count, x.first?.count ?? 0, k.count, k.first?.count ?? 0)
        precondition(F <= H && G <= W && s >= 1, "kernel \(F)×\(G) does not fit \(H)×\(W)")
        let rows = (H - F) / s + 1, columns = (W - G) / s + 1
        return (0..<rows).map { i in (0..<columns).map { j in terms(x, k, row: i, column: j, stride: s).reduce(0) { $0 + $1.0 * $1.1 } } }
    }

    /// The products behind out[i][j] of `valid`, in reading order: (k[a][b], x[i·s + a][j·s + b]).
    public static func terms(_ x: [[Double]], _ k: [[Double]], row i: Int, column j: Int, stride s: Int = 1) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        for a in 0..<k.count { for b in 0..<k[a].count { out.append((k[a][b], x[i * s + a][j * s + b])) } }
        return out
    }

    /// The kernel turned half a circle: rot180(k)[a][b] = k[F − 1 − a][G − 1 − b].
    public static func rotated180(_ k: [[Double]]) -> [[Double]] { k.reversed().map { $0.reversed() } }

    /// x with `p` rings of zeros around it.
    public static func zeroPadded(_ x: [[Double]], by p: Int) -> [[Double]] {
        let W = x.first?.count ?? 0
        let zeroRow = [Double](repeating: 0, count: W + 2 * p)
        let side = [Double](repeating: 0, count: p)
        return [[Double]](repeating: zeroRow, count: p) + x.map { side + $0 + side } + [[Double]](repeating: zeroRow, count: p)
    }

    /// x with s − 1 zeros inserted between neighbouring cells (the gradient of a stride-s layer
    /// placed back where its windows started).
    public static func dilated(_ x: [[Double]], by s: Int) -> [[Double]] {
        guard s > 1, let W = x.first?.count, !x.isEmpty else { return x }
        var out = [[Double]](repeating: [Double](repeating: 0, count: (W - 1) * s + 1), count: (x.count - 1) * s + 1)
        for i in 0..<x.count { for j in 0..<W { out[i * s][j * s] = x[i][j] } }
        return out
    }

    /// x without its outer `p` rings.
    public static func cropped(_ x: [[Double]], by p: Int) -> [[Double]] {
        guard p > 0 else { return x }
        return x[p..<(x.count - p)].map { Array($0[p..<($0.count - p)]) }
    }

    /// ∂L/∂K of a one-map layer in convolution form: the padded input correlated with the
    /// (dilated) output gradient, ∂L/∂K = pad(X, P) ⋆ dilate(δ, S).
    public static func kernelGradient(input x: [[Double]], delta: [[Double]], stride s: Int, padding p: Int) -> [[Double]] {
        valid(zeroPadded(x, by: p), dilated(delta, by: s))
    }

    /// ∂L/∂X of a one-map layer with a square kernel, in convolution form: the output gradient, dilated and padded by
    /// F − 1 zeros, correlated with the kernel rotated 180°, then the input padding cropped off:
    /// ∂L/∂X = crop(pad(dilate(δ, S), F − 1) ⋆ rot180(K), P).
    public static func inputGradient(delta: [[Double]], kernel k: [[Double]], stride s: Int, padding p: Int) -> [[Double]] {
        cropped(valid(zeroPadded(dilated(delta, by: s), by: k.count - 1), rotated180(k)), by: p)
    }
}
