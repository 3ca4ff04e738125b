import Foundation
import Testing
@testable import LonghandEngine
@testable import Notebook
@testable import Curriculum

/// The answer key of lesson `gradient-descent` (source texts 000 and 002).
@Suite("gradient-descent answer key")
struct GradientDescentTests {
    let bowl = QuadraticBowl(coefficients: [1, 2])

    @Test("one step on C = v1² + 2v2² from (2, 1) with η = 0.1: ∇C = (4, 4), v′ = (1.6, 0.6), C: 6 → 3.28")
    func firstStep() {
        let s = bowl.step(from: [2, 1], learningRate: 0.1)
        #expect(s.gradient == [4, 4])
        #expect(s.delta.map { printed($0, 10) } == [-0.4, -0.4])
        #expect(s.to.map { printed($0, 10) } == [1.6, 0.6])
        #expect(s.costBefore == 6)
        // Independently: 1.6² + 2·0.6² = 2.56 + 0.72.
        #expect(abs(s.costAfter - (1.6 * 1.6 + 2 * 0.6 * 0.6)) < 1e-12)
        #expect(printed(s.costAfter, 2) == 3.28)
    }

    @Test("ΔC ≈ ∇C·Δv: −3.2 predicted against −2.72 exact; the miss is 48η² for every η")
    func linearApproximation() {
        let s = bowl.step(from: [2, 1], learningRate: 0.1)
        #expect(abs(s.linearChange - (-3.2)) < 1e-12)
        #expect(abs(s.exactChange - (-2.72)) < 1e-12)
        for eta in [0.1, 0.01, 0.001, 0.3] {
            let t = bowl.step(from: [2, 1], learningRate: eta)
            // Exact for a quadratic: ΔC = −η‖g‖² + η²·Σ aᵢgᵢ², with g = (4, 4): ‖g‖² = 32, Σ aᵢgᵢ² = 16 + 32 = 48.
            #expect(abs(t.linearChange - (-32 * eta)) < 1e-12)
            #expect(abs(t.exactChange - (-32 * eta + 48 * eta * eta)) < 1e-12)
        }
    }

    @Test("the paths match the closed form vᵢ(k) = (1 − 2aᵢη)^k·vᵢ(0) for η = 0.1, 0.4, 0.55")
    func pathsClosedForm() {
        for eta in [0.1, 0.4, 0.55] {
            let path = bowl.path(from: [2, 1], learningRate: eta, steps: 10)
            #expect(path.count == 11)
            for (k, v) in path.enumerated() {
                let expected = [2 * pow(1 - 2 * eta, Double(k)), 1 * pow(1 - 4 * eta, Double(k))]
                #expect(abs(v[0] - expected[0]) < 1e-12 && abs(v[1] - expected[1]) < 1e-12)
            }
        }
    }

    @Test("erratum: C falls at every step only below η* = 0.5; at 0.55 it rises from step 2 (2.92 → 4.1476)")
    func thresholdErratum() {
        #expect(bowl.learningRateThreshold == 0.5)
        #expect(abs(bowl.fastestLearningRate - 1.0 / 3) < 1e-15)
        let costs = { (eta: Double) in self.bowl.path(from: [2, 1], learningRate: eta, steps: 10).map(self.bowl.value) }
        #expect(GradientDescentLesson.fallsEverywhere(costs(0.1)))
        #expect(GradientDescentLesson.fallsEverywhere(costs(0.4)))
        #expect(GradientDescentLesson.fallsEverywhere(costs(0.49)))
        #expect(!GradientDescentLesson.fallsEverywhere(costs(0.5)))   // v2 flips sign forever: C stays 2
        let c = costs(0.55)
        #expect(!GradientDescentLesson.fallsEverywhere(c))
        #expect(abs(c[1] - 2.92) < 1e-12 && abs(c[2] - 4.1476) < 1e-12)
        #expect(bowl.contraction(learningRate: 0.55).map { printed($0, 10) } == [-0.1, -1.2])
        #expect(bowl.contraction(learningRate: 0.4).map { printed($0, 10) } == [0.2, -0.6])
    }

    @Test("the bowl's analytic gradient agrees with central differences")
    func bowlGradientCheck() {
        for v in [[2.0, 1.0], [-0.3, 4.0], [1e-3, -2.5]] {
            for e in GradientCheck.compare(analytic: bowl.gradient(v), at: v, bowl.value) { #expect(e.passes()) }
        }
    }

    @Test("Cholesky: L·Lᵀ = A, the solve satisfies A·x = b, and a singular matrix is refused")
    func cholesky() throws {
        let a = Matrix([[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]])
        let c = try #require(Cholesky(a))
        let product = c.lower * c.lower.transposed
        for (p, q) in zip(product.values, a.values) { #expect(abs(p - q) < 1e-12) }
        let x = c.solve([1, 2, 3])
        let ax = (a * Matrix(column: x)).values
        for (p, q) in zip(ax, [1.0, 2, 3]) { #expect(abs(p - q) < 1e-12) }
        #expect(Cholesky(Matrix([[1, 2], [2, 4]])) == nil)
        #expect(Cholesky(Matrix([[1, 2], [2, 1]])) == nil)   // indefinite
    }

    @Test("power iteration finds the larger eigenvalue of a 2×2 symmetric matrix")
    func powerIteration() {
        let (p, q, r) = (8.0, 14.0, 35.0)
        let exact = (p + r) / 2 + (((p - r) / 2) * ((p - r) / 2) + q * q).squareRoot()
        #expect(abs(PowerIteration.largestEigenvalue(Matrix([[p, q], [q, r]])) - exact) < 1e-10)
    }

    @Test("polynomial features: 2 ↦ (1, 2, 4, 8)")
    func polynomialFeatures() {
        let f = PolynomialFeatures(degree: 3)
        #expect(f.expand(2) == [1, 2, 4, 8])
        #expect(f.evaluate([0.5, -1, 0, 2], at: 2) == 0.5 - 2 + 16)
        #expect(f.designMatrix([1, -1]).nested == [[1, 1, 1, 1], [1, -1, 1, -1]])
    }

    @Test("line: the normal equations give the textbook slope and intercept, and gradient descent agrees")
    func line() throws {
        let data = GradientDescentLesson.dataSets(seed: 6)
        let problem = LeastSquares(design: LeastSquares.designMatrix(features: data.lineX.map { [$0] }), targets: data.lineY)
        let beta = try #require(problem.closedForm()).beta
        let n = Double(data.lineX.count)
        let mx = data.lineX.reduce(0, +) / n, my = data.lineY.reduce(0, +) / n
        let slope = zip(data.lineX, data.lineY).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / data.lineX.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        #expect(abs(beta[1] - slope) < 1e-12)
        #expect(abs(beta[0] - (my - slope * mx)) < 1e-12)
        let gd = problem.gradientDescent(from: [0, 0], learningRate: 1 / problem.largestCurvature, steps: 2000)
        #expect(abs(gd[0] - beta[0]) < 1e-9 && abs(gd[1] - beta[1]) < 1e-9)
    }

    @Test("multiple and cubic regression: β satisfies XᵀXβ = Xᵀy; gradient descent reaches it; ∇J checked numerically")
    func multipleAndPolynomial() throws {
        let data = GradientDescentLesson.dataSets(seed: 6)
        let problems = [
            LeastSquares(design: LeastSquares.designMatrix(features: data.multiX), targets: data.multiY),
            LeastSquares(design: PolynomialFeatures(degree: 3).designMatrix(data.polyX), targets: data.polyY),
        ]
        for problem in problems {
            let beta = try #require(problem.closedForm()).beta
            // Independently: the residual r = Xβ − y is orthogonal to every column of X.
            let x = problem.design.nested
            let r = x.indices.map { i in zip(x[i], beta).reduce(0) { $0 + $1.0 * $1.1 } - problem.targets[i] }
            for j in 0..<beta.count {
                #expect(abs(x.indices.reduce(0) { $0 + x[$1][j] * r[$1] }) < 1e-10)
            }
            let gd = problem.gradientDescent(from: Array(repeating: 0, count: beta.count), learningRate: 1 / problem.largestCurvature, steps: 10000)
            for (a, b) in zip(gd, beta) { #expect(abs(a - b) < 1e-9) }
            let probe = beta.map { $0 + 0.3 }
            for e in GradientCheck.compare(analytic: problem.gradient(probe), at: probe, problem.cost) { #expect(e.passes()) }
            // The loop form of the gradient is the matrix form (2/n)·Xᵀ(Xβ − y) bit for bit.
            let residuals = zip((problem.design * Matrix(column: probe)).values, problem.targets).map { $0 - $1 }
            let matrixForm = (problem.design.transposed * Matrix(column: residuals)).values.map { 2 * $0 / Double(problem.sampleCount) }
            #expect(problem.gradient(probe) == matrixForm)
        }
    }

    @Test("exercise: the line through (0, 1), (1, 3), (2, 4) is y = 7/6 + 1.5x")
    func exerciseLine() throws {
        let problem = LeastSquares(design: LeastSquares.designMatrix(features: [[0], [1], [2]]), targets: [1, 3, 4])
        let beta = try #require(problem.closedForm()).beta
        #expect(abs(beta[0] - 7.0 / 6) < 1e-12 && abs(beta[1] - 1.5) < 1e-12)
        #expect(QuadraticBowl(coefficients: [3, 1]).learningRateThreshold == 1.0 / 3)
    }

    @Test("marching squares: the contour C = 2 of v1² + v2² lies on the circle of radius √2")
    func contourSegments() {
        let n = 41
        let grid = (0..<n).map { r in (0..<n).map { c in
            let x = -2 + 4 * Double(c) / Double(n - 1), y = -2 + 4 * Double(r) / Double(n - 1)
            return x * x + y * y
        } }
        let plot = ContourPathsPlot(xRange: -2...2, yRange: -2...2, grid: grid, levels: [2], paths: [],
                                    xLabel: Localized(same: "x"), yLabel: Localized(same: "y"))
        let segments = plot.segments(level: 2)
        #expect(segments.count > 20)
        for (a, b) in segments {
            for p in [a, b] { #expect(abs((p.x * p.x + p.y * p.y).squareRoot() - 2.0.squareRoot()) < 0.02) }
        }
    }

    @Test("gradient-descent --json reports the worked numbers under their prose names")
    func json() throws {
        let v = try TestSupport.values("gradient-descent")
        #expect(v.number("C_start") == 6)
        #expect(v.vector("grad_C") == [4, 4])
        #expect(abs(v.number("C_next")! - 3.28) < 1e-12)
        #expect(abs(v.number("dC_linear")! - (-3.2)) < 1e-12)
        #expect(abs(v.number("dC_exact")! - (-2.72)) < 1e-12)
        #expect(v.number("eta_threshold") == 0.5)
        #expect(v.vector("falls_every_step") == [1, 1, 0, 0])
        for key in ["line", "multiple", "poly"] { #expect(v.number("\(key)_difference")! < 1e-9) }
        #expect(v.matrix("costs")!.count == 4)
    }

    @Test("gradient-descent with --bowl 3,1 --start 1,-2 --etas 0.2,0.35 --steps 5 matches the closed form")
    func changedOptions() throws {
        let v = try TestSupport.values("gradient-descent", ["--bowl", "3,1", "--start", "1,-2", "--etas", "0.2,0.35", "--steps", "5", "--fit-steps", "50"])
        #expect(abs(v.number("eta_threshold")! - 1.0 / 3) < 1e-15)
        #expect(abs(v.number("C_start")! - 7) < 1e-12)   // 3·1² + 1·(−2)²
        let costs = v.matrix("costs")!
        for (i, eta) in [0.2, 0.35].enumerated() {
            for k in 0...5 {
                let v1 = pow(1 - 6 * eta, Double(k)), v2 = -2 * pow(1 - 2 * eta, Double(k))
                #expect(abs(costs[i][k] - (3 * v1 * v1 + v2 * v2)) < 1e-9)
            }
        }
        #expect(v.vector("falls_every_step") == [1, 0])
    }

    @Test("gradient-descent rejects bad options with exit 64, one line, nothing written", arguments: [
        ["--etas", "0"], ["--etas", "0.1,abc"], ["--etas", "1,2,3,4,5,6,7"], ["--bowl", "1"], ["--bowl", "1,-2"],
        ["--start", "0,0"], ["--start", "1,2,3"], ["--steps", "0"], ["--fit-steps", "0"],
    ])
    func badInput(_ arguments: [String]) throws {
        try TestSupport.expectRefused("gradient-descent", arguments)
    }
}

extension GradientDescentTests {
    @Test("gradient-descent output is byte-identical for the same seed")
    func deterministic() throws {
        let a = try TestSupport.run("gradient-descent", ["--json", "--out", TestSupport.temporaryFolder().path, "--fit-steps", "100"])
        let b = try TestSupport.run("gradient-descent", ["--json", "--out", TestSupport.temporaryFolder().path, "--fit-steps", "100"])
        #expect(a.status == 0 && a.stdout == b.stdout)
    }

    @Test("when no rate of the ΔC table is small enough, the page says C rises there instead of 'C falls'")
    func noRateSmallEnough() throws {
        let p = try RenderedPage(GradientDescentLesson.self, ["--bowl", "100,100", "--start", "10,10", "--etas", "10", "--steps", "100", "--fit-steps", "1"])
        #expect(p.says("None of these rates is small enough: in every row the second-order term outweighs", "这几个学习率都不够小"))
        #expect(p.never("So for small $\\eta$ the text's reasoning holds", "所以 $\\eta$ 很小时原文的推理成立"))
        let d = try RenderedPage(GradientDescentLesson.self, [])
        #expect(d.says("So for small $\\eta$ the text's reasoning holds", "所以 $\\eta$ 很小时原文的推理成立"))
    }
}
