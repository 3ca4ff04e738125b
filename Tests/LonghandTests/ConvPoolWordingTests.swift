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

    /// The worked ∂L/∂k entry's products with δ ≠ 0 that differ from their δ, recomputed from the recorded grids.
    static func differing(_ p: RenderedPage) -> Int {
        let d = p.values.matrix("worked_kernel_delta") ?? [], x = p.values.matrix("worked_kernel_input") ?? []
        return zip(d.joined(), x.joined()).filter { $0.0 != 0 && $0.0 * $0.1 != $0.0 }.count
    }

    @Test("default: k(0,0) only repeats δ (inputs 1), so the worked entry is k(0,1), whose products 4, 2, −6 differ from δ twice")
    func workedKernelEntrySkipsCorner() throws {
        let p = try RenderedPage(ConvPoolLesson.self, [])
        #expect(p.values.vector("worked_kernel_entry") == [0, 0, 0, 1])
        #expect(Self.differing(p) == 2)
        #expect(p.values.number("worked_kernel_differing_products") == 2)
        // The worked sum equals the engine's kernel gradient at that entry.
        let d = try #require(p.values.matrix("worked_kernel_delta")), x = try #require(p.values.matrix("worked_kernel_input"))
        let sum = zip(d.joined(), x.joined()).map { $0.0 * $0.1 }.reduce(0, +)
        let kernel = try #require(p.values.kernels("dL_dkernel"))
        #expect(abs(sum - kernel[0][0][0][1]) < 1e-12)
        let products: [Double] = [2 * 2, 2 * 1, -2 * 3]   // δ·x at k(0,1): 2·2 + 2·1 + (−2)·3
        let byHand = products.reduce(0, +)
        #expect(sum == byHand)
        #expect(p.says("rather than the first weight $k_{0,0}$", "这里不取第一个权重 $k_{0,0}$"))
        #expect(p.never("At these inputs no kernel weight", "在这组输入下，没有哪个卷积核权重"))
        #expect(p.never("k_{a,b}", "k_{a,b}"))
    }

    @Test("input all 2, no pooling: k(0,0)'s products all differ from δ, so the page works the first weight")
    func workedKernelEntryCorner() throws {
        let p = try RenderedPage(ConvPoolLesson.self, ["--pool-size", "1", "--input", Array(repeating: "2", count: 25).joined(separator: ","), "--kernel", "1,1,1,1"])
        #expect(p.values.vector("worked_kernel_entry") == [0, 0, 0, 0])
        #expect(Self.differing(p) >= 2)
        #expect(p.says("The first weight, $k_{0,0}$", "第一个权重 $k_{0,0}$"))
        #expect(p.never("rather than the first weight", "这里不取第一个权重"))
    }

    @Test("input all 1: every product repeats its δ, and the page says no entry has two that differ")
    func workedKernelEntryNone() throws {
        let p = try RenderedPage(ConvPoolLesson.self, ["--pool-size", "1", "--input", Array(repeating: "1", count: 25).joined(separator: ","), "--kernel", "1,1,1,1"])
        #expect(Self.differing(p) == 0)
        #expect(p.says("At these inputs no kernel weight has two products", "在这组输入下，没有哪个卷积核权重"))
        #expect(p.never("The first weight, $k_{0,0}$", "第一个权重 $k_{0,0}$"))
    }
}
