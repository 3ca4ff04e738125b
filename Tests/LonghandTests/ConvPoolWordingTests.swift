import Testing
@testable import Curriculum

/// Issue 14 for conv-pool: the sentences about the deltas and the ReLU gate follow the computed values.
@Suite("conv-pool wording")
struct ConvPoolWordingTests {
    @Test("seed 77 (every output negative): all deltas are 0 and the page says so, not 'only a few'")
    func deadLayer() throws {
        let p = try RenderedPage(ConvPoolLesson.self, ["--seed", "77"])
        #expect(p.says("deltas are 0: no cell of the convolution output passed a gradient back", "个误差项全部是 0"))
        #expect(p.never("let only a few gradients through", "只放过了少数梯度"))
        #expect(p.never("so only the", "所以下表只写出"))
        #expect(p.values.number("zero_deltas") == 16)
    }

    @Test("default: some deltas are 0, the table writes only the others")
    func someBlocked() throws {
        let p = try RenderedPage(ConvPoolLesson.self, [])
        #expect(p.says("terms with $\\delta_{i,j} \\neq 0$ are written in the table", "所以下表只写出"))
        #expect(p.never("All 16 deltas are 0", "个误差项全部是 0"))
        #expect(p.says("the gate stops", "开关把它挡住了"))
    }

    @Test("all outputs positive and no pooling: every delta passes, the gate lets all through")
    func allPass() throws {
        let p = try RenderedPage(ConvPoolLesson.self, ["--pool-size", "1", "--input", Array(repeating: "1", count: 25).joined(separator: ","), "--kernel", "1,1,1,1"])
        #expect(p.says("None of the 16 deltas is 0", "没有一个是 0"))
        #expect(p.says("so the gate lets all of them through", "开关让它们全部通过"))
        #expect(p.never("deltas are 0 (pooling", "所以下表只写出"))
    }
}
