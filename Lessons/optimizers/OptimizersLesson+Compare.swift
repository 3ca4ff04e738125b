import LonghandEngine
import Notebook

/// The three runs on the bowl compared: a table, the contour figure and the cost curves.
extension OptimizersLesson {
    /// The cost axis in whole decades fitted to the costs and the tolerance: from the decade at or
    /// just below the smallest cost (but no deeper than three decades under the tolerance, where
    /// every optimizer has long stopped mattering) to the decade at or just above the largest
    /// (at most four decades above the start, should a run diverge).
    static func costDecades(_ costs: [Double], tolerance: Double, start: Double) -> ClosedRange<Double> {
        let plotted = (costs + [tolerance]).filter { $0.isFinite && $0 > 0 }
        let low = max(Double.log10(plotted.min() ?? tolerance).rounded(.down), Double.log10(tolerance).rounded(.down) - 3)
        let high = max(min(Double.log10(plotted.max() ?? start).rounded(.up), Double.log10(start).rounded(.up) + 4), low + 1)
        return Double.pow(10, low)...Double.pow(10, high)
    }

    /// Steps until C < tolerance, as a table cell.
    static func reachedCell(_ reached: Int?, diverged: Int?) -> Table.Cell {
        if let reached { return .number(Double(reached)) }
        if let diverged { return .text(Localized("diverged at step \(diverged)", zh: "第 \(diverged) 步发散")) }
        return .text(Localized("not within the run", zh: "本次运行内未达到"))
    }

    func writeComparison(_ page: inout Page, _ runs: (gd: BowlRun<GradientDescentOptimizer>, momentum: BowlRun<MomentumOptimizer>, adam: BowlRun<AdamOptimizer>)) {
        let b = theBowl, v0 = start.values, tol = tolerance.value
        page.section("Three paths across the bowl", zh: "碗中的三条路径")
        let names = [Localized("gradient descent", zh: "梯度下降"), Localized("momentum", zh: "动量法"), Localized("Adam", zh: "Adam")]
        let settings = [Localized(same: "η = \(fmt(learningRate.value))"),
                        Localized(same: "η = \(fmt(learningRate.value)), β = \(fmt(momentum.value))"),
                        Localized(same: "η = \(fmt(adamRate.value)), β1 = \(fmt(beta1.value)), β2 = \(fmt(beta2.value))")]
        let reached = [runs.gd.reachedAt, runs.momentum.reachedAt, runs.adam.reachedAt]
        let diverged = [runs.gd.divergedAt, runs.momentum.divergedAt, runs.adam.divergedAt]
        let finals = [runs.gd.costs.last ?? 0, runs.momentum.costs.last ?? 0, runs.adam.costs.last ?? 0]
        let counts = [runs.gd.costs.count - 1, runs.momentum.costs.count - 1, runs.adam.costs.count - 1]
        page.say("Each optimizer runs for up to \(steps) steps. The bowl counts as reached at the first step where $C < \(Craft.tex(tol))$:",
                 zh: "每种优化器最多走 \(steps) 步。$C$ 第一次小于 $\(Craft.tex(tol))$ 的那一步，算作到达碗底：")
        page.table([Localized("optimizer", zh: "优化器"), Localized("settings", zh: "参数"),
                    Localized("steps until $C < \(Craft.tex(tol))$", zh: "$C < \(Craft.tex(tol))$ 所需步数"),
                    Localized("$C$ at the end", zh: "最终的 $C$"), Localized("steps run", zh: "实际步数")],
                   (0..<3).map { k in
                       [.text(names[k]), .text(settings[k]), Self.reachedCell(reached[k], diverged: diverged[k]), .number(finals[k], digits: 3), .number(Double(counts[k]))]
                   })
        page.record("steps_to_converge", reached.map { Double($0 ?? -1) })
        page.record("final_costs", finals)
        for k in 0..<3 {
            if let d = diverged[k] {
                page.warning("\(names[k].en) diverged on the bowl: at step \(d) its cost passed 10^12, so the run was stopped there. Its learning rate is too large for the bowl's steep direction.",
                             zh: "\(names[k].zh)在碗上发散了：第 \(d) 步代价超过 10^12，训练在那里停止。对碗的陡峭方向来说，它的学习率太大了。")
            }
        }
        let order = (0..<3).filter { reached[$0] != nil }.sorted { (reached[$0]!, $0) < (reached[$1]!, $1) }
        if !order.isEmpty {
            let listEn = order.map { "\(names[$0].en) (\(reached[$0]!) steps)" }
            let listZh = order.map { "\(names[$0].zh)（\(reached[$0]!) 步）" }
            let missing = (0..<3).filter { reached[$0] == nil }
            let tie = order.count >= 2 && reached[order[0]] == reached[order[1]]
            page.say((tie ? "Reaching $C < \(Craft.tex(tol))$, in order: " : "\(names[order[0]].en.capitalizedFirst) gets there first. In order: ") + listEn.joined(separator: ", ")
                     + (missing.isEmpty ? "." : "; " + missing.map { names[$0].en }.joined(separator: " and ") + " did not get there within the run."),
                     zh: (tie ? "到达 $C < \(Craft.tex(tol))$ 的先后：" : "\(names[order[0]].zh)最先到达。先后顺序：") + listZh.joined(separator: "、")
                     + (missing.isEmpty ? "。" : "；" + missing.map { names[$0].zh }.joined(separator: "和") + "在本次运行内没有到达。"))
        } else {
            page.say("None of the three gets $C$ below $\(Craft.tex(tol))$ within \(steps) steps.",
                     zh: "三种优化器在 \(steps) 步之内都没有让 $C$ 降到 $\(Craft.tex(tol))$ 以下。")
        }
        page.record("reach_order", order.map { Double($0) })
        let paths = [runs.gd.path, runs.momentum.path, runs.adam.path]
        let flips = paths.map { path in (0..<2).map { Self.signChanges(path, coordinate: $0) } }
        page.record("sign_changes", .matrix(flips.map { $0.map(Double.init) }))
        var lines: [(en: String, zh: String)] = []
        for k in 0..<3 {
            let f = flips[k]
            let en: String, zh: String
            switch (f[0] > 0, f[1] > 0) {
            case (false, false):
                en = "\(names[k].en.capitalizedFirst) never crosses an axis: it approaches the minimum from one side in both coordinates."
                zh = "\(names[k].zh)从不越过坐标轴：两个坐标都从同一侧逼近最小值。"
            default:
                let parts = (0..<2).filter { f[$0] > 0 }.map { "$v_\($0 + 1)$ changes sign \(f[$0]) time\(f[$0] == 1 ? "" : "s")" }
                let partsZh = (0..<2).filter { f[$0] > 0 }.map { "$v_\($0 + 1)$ 变号 \(f[$0]) 次" }
                en = "For \(names[k].en), " + parts.joined(separator: " and ") + ": each change is a step across the minimum's axis\(f.max()! > 2 ? ", a back-and-forth swing" : "")."
                zh = "\(names[k].zh)：" + partsZh.joined(separator: "，") + "；每变一次号，就是越过最小值所在的坐标轴一次\(f.max()! > 2 ? "，来回摆动" : "")。"
            }
            lines.append((en, zh))
        }
        page.say("The paths in the figure, counted: " + lines.map(\.en).joined(separator: " "), zh: "把下图中的路径数一数：" + lines.map(\.zh).joined())
        // The contour figure.
        let scale = max(abs(v0[0]), abs(v0[1]), 0.1)
        let xr = max(abs(v0[0]), 0.25 * scale) * 1.25, yr = max(abs(v0[1]), 0.25 * scale) * 1.4
        let grid = ContourPathsPlot.sample(x: -xr...xr, y: -yr...yr, columns: 72, rows: 48) { b.cost([$0, $1]) }
        let c0 = max(b.cost(v0), 1e-12)
        let levels = [0.003, 0.01, 0.03, 0.1, 0.25, 0.5, 1, 1.6].map { $0 * c0 }
        func points(_ path: [[Double]]) -> [LinePlot.Point] { path.map { .init($0[0], $0[1]) } }
        page.figure("paths", title: Localized("Gradient descent, momentum and Adam on the same bowl", zh: "梯度下降、动量法和 Adam 在同一个碗上"),
                    description: Localized("Level sets of C = \(fmt(b.a))·v1² + \(fmt(b.b))·v2² and the points visited by each optimizer from (\(fmt(v0[0])), \(fmt(v0[1]))) towards the minimum at the origin; the sign changes of each coordinate are counted in the text above.",
                                           zh: "C = \(fmt(b.a))·v1² + \(fmt(b.b))·v2² 的等高线，以及三种优化器从 (\(fmt(v0[0])), \(fmt(v0[1]))) 出发、朝原点处最小值经过的点；每个坐标变号的次数见上文。"),
                    ContourPathsPlot(xRange: -xr...xr, yRange: -yr...yr, grid: grid, levels: levels,
                                          paths: [.init(names[0], points(runs.gd.path), color: 1),
                                                  .init(names[1], points(runs.momentum.path), color: 0),
                                                  .init(names[2], points(runs.adam.path), color: 2)],
                                          markers: [.init(x: v0[0], y: v0[1], label: Localized("start", zh: "起点")),
                                                    .init(x: 0, y: 0, label: Localized("minimum", zh: "最小值"))],
                                          xLabel: Localized(same: "v1"), yLabel: Localized(same: "v2")))
        page.figure("costs", title: Localized("The cost after each step", zh: "每一步之后的代价"),
                    description: Localized("C after each step for the three optimizers, on a logarithmic scale, with the tolerance \(Craft.f(tol, 3)) as a dashed line.",
                                           zh: "三种优化器每一步之后的 C（对数坐标），虚线为阈值 \(Craft.f(tol, 3))。"),
                    LinePlot(xLabel: Localized("step", zh: "步数"), yLabel: Localized("C (log scale)", zh: "C（对数坐标）"),
                             series: [.init(names[0], runs.gd.costs.enumerated().map { .init(Double($0.offset), max($0.element, 1e-30)) }, color: 1),
                                      .init(names[1], runs.momentum.costs.enumerated().map { .init(Double($0.offset), max($0.element, 1e-30)) }, color: 0),
                                      .init(names[2], runs.adam.costs.enumerated().map { .init(Double($0.offset), max($0.element, 1e-30)) }, color: 2),
                                      .init(Localized("tolerance", zh: "阈值"), [.init(0, tol), .init(Double(steps), tol)], style: .dashed, color: 6)],
                             xRange: 0...Double(steps), yRange: Self.costDecades(runs.gd.costs + runs.momentum.costs + runs.adam.costs, tolerance: tol, start: c0), logY: true))
    }
}

extension OptimizersLesson {
    /// How often coordinate `k` of a path changes sign (exact zeros are skipped).
    static func signChanges(_ path: [[Double]], coordinate k: Int) -> Int {
        let values = path.map { $0[k] }.filter { $0 != 0 }
        return zip(values, values.dropFirst()).filter { $0 * $1 < 0 }.count
    }
}

extension String {
    /// The string with its first letter upper-cased ("momentum" → "Momentum").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
