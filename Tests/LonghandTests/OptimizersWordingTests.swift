import Testing
@testable import Curriculum

/// Issue 14 for optimizers: the bowl's shape, each coordinate's fate and the comparison follow the computed values.
@Suite("optimizers wording")
struct OptimizersWordingTests {
    @Test("--bowl 1,1: a round bowl, no zig-zag, no creeping")
    func roundBowl() throws {
        let p = try RenderedPage(OptimizersLesson.self, ["--bowl", "1,1", "--epochs", "5"])
        #expect(p.says("The bowl is round", "这个碗是圆的"))
        #expect(p.never("zig-zags", "来回折返"))
        #expect(p.never("creeps", "缓缓挪动"))
        #expect(p.says("Both coordinates shrink at the same rate", "两个坐标缩小的速度相同"))
        #expect(p.values.number("steepness_ratio") == 1)
    }

    @Test("default (1, 50): narrow bowl, v2 zig-zags while shrinking, v1 does not change sign")
    func narrowBowl() throws {
        let p = try RenderedPage(OptimizersLesson.self, ["--epochs", "5"])
        #expect(p.says("the shape that makes plain gradient descent slow", "正是让普通梯度下降变慢的形状"))
        #expect(p.says("$v_2$ flips sign every step while it shrinks: the path zig-zags", "$v_2$ 每一步都变号，同时在缩小"))
        #expect(p.says("$v_1$ shrinks towards 0 without changing sign", "$v_1$ 不变号"))
        #expect(p.never("the run diverges", "训练发散"))
    }

    @Test("--learning-rate 0.05: v2's factor is −4, the page says it diverges and does not call the bowl reached")
    func divergence() throws {
        let p = try RenderedPage(OptimizersLesson.self, ["--learning-rate", "0.05", "--epochs", "5"])
        #expect(p.says("$v_2$ flips sign and grows every step: the run diverges", "$v_2$ 每一步都变号并且变大：训练发散"))
        #expect(p.says("This $\\eta$ is at or beyond", "这个 $\\eta$ 已经达到或超过"))
        #expect(p.values.vector("gd_factors") == [0.9, -4])
    }

    @Test("--bowl 1,2: mildly elongated, both shrink, the slower named")
    func mildBowl() throws {
        let p = try RenderedPage(OptimizersLesson.self, ["--bowl", "1,2", "--epochs", "5"])
        #expect(p.says("only mildly elongated", "只是略微狭长"))
        #expect(p.says("The slower coordinate is $v_1$", "较慢的是 $v_1$"))
    }

    @Test("a start at the minimum: Adam's cost does not change, and the page does not say it falls")
    func startAtMinimum() throws {
        let p = try RenderedPage(OptimizersLesson.self, ["--start", "0,0"])
        #expect(p.says("does not change in the first 30 steps: it stays at 0.", "前 30 步代价没有变化，一直是 0。"))
        #expect(p.never("it falls at every one, from 0 to 0", "从 0 降到 0"))
    }

    @Test("rates given on the command line are not called the lesson's hand-set defaults")
    func ratesNotDefaults() throws {
        let p = try RenderedPage(OptimizersLesson.self, ["--learning-rate", "10"])
        #expect(p.says("Not all of them are the lesson's defaults (η = 0.5, 0.02, 0.018 and 0.2", "它们并不都是本课的默认值（默认是 η = 0.5、0.02、0.018 和 0.2"))
        #expect(p.never("They are the lesson's defaults, set once by hand", "它们是本课的默认值，手工设定一次"))
        let d = try RenderedPage(OptimizersLesson.self, [])
        #expect(d.says("They are the lesson's defaults, set once by hand", "它们是本课的默认值，手工设定一次"))
    }
}
