import Foundation
import Testing
@testable import Curriculum
@testable import LonghandEngine

/// Issue 14 and 19 for quadrant-net: the gradient check says how many parameters it checked, and large
/// networks are checked on a seeded sample so that every accepted size stays cheap.
@Suite("quadrant-net wording")
struct QuadrantNetWordingTests {
    @Test("default 2-50-4: all 354 parameters checked")
    func fullCheck() throws {
        let p = try RenderedPage(QuadrantNetLesson.self, ["--iterations", "20"])
        #expect(p.says("All 354 parameters were checked", "全部 354 个参数都这样核对过"))
        #expect(p.values.number("checked_parameters") == 354)
        #expect((p.values.number("max_relative_error") ?? 1) < 1e-6)
    }

    @Test("2-60-60-4 (4084 parameters): a seeded sample is checked and the page says so")
    func sampledCheck() throws {
        let p = try RenderedPage(QuadrantNetLesson.self, ["--hidden", "60,60", "--iterations", "5"])
        #expect(p.says("The network has 4084 parameters", "这个网络有 4084 个参数"))
        #expect(p.says("a seeded random sample", "带种子的随机样本"))
        #expect(p.never("All 4084 parameters were checked", "全部 4084 个参数都这样核对过"))
        let checked = try #require(p.values.number("checked_parameters"))
        #expect(checked >= 1000 && checked <= 1012)
        #expect((p.values.number("max_relative_error") ?? 1) < 1e-5)
    }

    @Test("a learning rate of 1000 diverges: the warning, and the first step is called too large")
    func divergence() throws {
        let p = try RenderedPage(QuadrantNetLesson.self, ["--learning-rate", "1000", "--iterations", "50"])
        #expect(p.says("Training diverged at iteration", "训练在第"))
        #expect(p.values.number("diverged_at") != nil)
        #expect(p.says("the step was too large", "步子迈得太大了"))
        #expect(p.never("That is one iteration; training repeats it.", "这就是一次迭代；训练就是不断重复它。"))
    }

    @Test("the sample is seeded, sorted and distinct, and every index is below the total")
    func sample() {
        let s = GradientCheck.sample(count: 100, of: 5000, seed: 3)
        #expect(s.count == 100 && Set(s).count == 100 && s == s.sorted() && s.allSatisfy { $0 < 5000 })
        #expect(s == GradientCheck.sample(count: 100, of: 5000, seed: 3))
        #expect(GradientCheck.sample(count: 10, of: 4, seed: 1) == [0, 1, 2, 3])
    }

    @Test("η = 10⁻⁹: the first step's loss change is printed with the digits that show it, not 'fell from 2.47747 to 2.47747'")
    func tinyStep() throws {
        let p = try RenderedPage(QuadrantNetLesson.self, ["--learning-rate", "1e-9"])
        #expect(p.says("The loss fell from 2.47747215 to 2.47747214.", "损失从 2.47747215 降到了 2.47747214。"))
        #expect(p.never("fell from 2.47747 to 2.47747", "从 2.47747 降到了 2.47747"))
    }
}
