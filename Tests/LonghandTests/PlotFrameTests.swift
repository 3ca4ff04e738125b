import Foundation
import Testing
import Curriculum
import LessonKit
@testable import Notebook

/// The shared plot frame: legends beside the data, log axes fitted to the data in whole decades,
/// indices set as subscripts, Chinese axis names written across, in every figure of every lesson.
@Suite("plot frame")
struct PlotFrameTests {
    /// Every figure of a lesson at its defaults.
    static func figures(_ type: any Lesson.Type) throws -> [Figure] { try open(type) }
    private static func open<L: Lesson>(_ type: L.Type) throws -> [Figure] { try L.parse([]).notebook().figures }

    /// The plotting window as a box.
    static func window(_ f: PlotFrame) -> PlotFrame.Legend.Box {
        PlotFrame.Legend.Box(x: f.left, y: f.top, width: f.width, height: f.height)
    }

    /// The legend entries that sit on the window (and so possibly on data).
    static func legendOverData(_ layout: (frame: PlotFrame, legend: PlotFrame.Legend)) -> [PlotFrame.Legend.Box] {
        layout.legend.boxes.filter { $0.overlaps(window(layout.frame)) }
    }

    /// How far a log axis reaches beyond the data's whole decades, in decades (0 when fitted):
    /// below, the lowest decade must be at or just below the data's minimum; above, the highest
    /// at or just above its maximum.
    static func spareDecades(_ plot: LinePlot, _ language: Language) -> (below: Double, above: Double) {
        let axis = plot.layout(language: language).frame.y
        let ys = plot.placeable.map(\.y)
        guard let lo = ys.min(), let hi = ys.max() else { return (0, 0) }
        return (Double.log10(lo).rounded(.down) - axis.range.lowerBound, axis.range.upperBound - Double.log10(hi).rounded(.up))
    }

    @Test("no legend entry of any line or contour plot lies on its plotting window", arguments: Course.lessons.map { $0.id })
    func legendsBesideData(_ id: String) throws {
        let type = try #require(Course.lessons.first { $0.id == id })
        for figure in try Self.figures(type) {
            for language in Language.allCases {
                if let plot = figure.drawing as? LinePlot {
                    #expect(Self.legendOverData(plot.layout(language: language)).isEmpty, "\(id) \(figure.slug) \(language)")
                } else if let plot = figure.drawing as? ContourPathsPlot {
                    let layout = plot.layout(language: language)
                    #expect(Self.legendOverData(layout).isEmpty, "\(id) \(figure.slug) \(language)")
                    // The paths start inside the window the legend keeps clear of.
                    for path in plot.paths {
                        let start = try #require(path.points.first)
                        #expect(Self.window(layout.frame).overlaps(.init(x: layout.frame.px(start.x), y: layout.frame.py(start.y), width: 0.1, height: 0.1)))
                    }
                }
            }
        }
    }

    @Test("every log axis spans the data's whole decades and no more", arguments: Course.lessons.map { $0.id })
    func logAxesFitted(_ id: String) throws {
        let type = try #require(Course.lessons.first { $0.id == id })
        for figure in try Self.figures(type) {
            guard let plot = figure.drawing as? LinePlot, plot.logY else { continue }
            let spare = Self.spareDecades(plot, .en)
            #expect(spare.below <= 1e-9, "\(id) \(figure.slug): \(spare.below) empty decades under the data")
            #expect(spare.above <= 1e-9, "\(id) \(figure.slug): \(spare.above) empty decades over the data")
            let axis = plot.layout(language: .en).frame.y
            if axis.ticks.allSatisfy({ $0 == $0.rounded() }) {
                #expect(axis.ticks.allSatisfy { axis.label($0).hasPrefix("10") }, "\(id) \(figure.slug): \(axis.ticks.map(axis.label))")
            }
        }
    }

    @Test("the checks can fail: a padded log axis and a legend over the data are caught")
    func checksCanFail() {
        let points = (0...20).map { LinePlot.Point(Double($0), Double.pow(10, -Double($0) / 10)) }   // 1 … 0.01
        let padded = LinePlot(xLabel: Localized(same: "k"), yLabel: Localized(same: "C"), series: [.init(Localized(same: "C"), points)],
                              yRange: 1e-5...1, logY: true)
        #expect(Self.spareDecades(padded, .en).below == 3)
        let fitted = LinePlot(xLabel: Localized(same: "k"), yLabel: Localized(same: "C"), series: [.init(Localized(same: "C"), points)], logY: true)
        #expect(Self.spareDecades(fitted, .en) == (0, 0))
        #expect(fitted.layout(language: .en).frame.y.ticks == [-2, -1, 0])
        #expect(fitted.layout(language: .en).frame.y.ticks.map(fitted.layout(language: .en).frame.y.label) == ["10⁻²", "10⁻¹", "10⁰"])
        // A legend placed inside the window, as the contour plots once had it, is caught.
        let layout = fitted.layout(language: .en)
        let inside = PlotFrame.Legend([.init("C", color: 0, key: .line(dash: nil))], left: layout.frame.left + 10, width: 200)
        let moved = PlotFrame(left: layout.frame.left, top: 0, width: layout.frame.width, height: layout.frame.height,
                              x: layout.frame.x, y: layout.frame.y)
        #expect(!Self.legendOverData((moved, inside)).isEmpty)
        #expect(Self.legendOverData(layout).isEmpty)
    }

    @Test("a log axis short of two decades is ticked at 1, 2, 5 × 10ᵏ in plain numbers")
    func shortLogAxis() {
        // 0.05 to 0.6 holds one whole decade (0.1) only; a fitted axis always spans two or more.
        let axis = PlotFrame.Axis.logarithmic(Double.log10(0.05)...Double.log10(0.6))
        #expect(axis.ticks.map(axis.label) == ["0.05", "0.1", "0.2", "0.5"])
        #expect(PlotFrame.Axis.logarithmic(-1...0).ticks.map(PlotFrame.Axis.logarithmic(-1...0).label) == ["10⁻¹", "10⁰"])
    }

    @Test("indices in figure text are subscripts, as in the prose; upper-case names and numbers are left alone")
    func subscripts() {
        #expect(SVG.subscripted("x1") == "x₁")
        #expect(SVG.subscripted("h1 ≈ x1 NAND x2") == "h₁ ≈ x₁ NAND x₂")
        #expect(SVG.subscripted("w12") == "w₁₂")
        let sub = { (run: String) in "<tspan baseline-shift=\"sub\" font-size=\"80%\">\(run)</tspan>" }
        #expect(SVG.subscripted("output y_i") == "output y" + sub("i"))
        #expect(SVG.subscripted("s_j − s_y") == "s" + sub("j") + " − s" + sub("y"))
        #expect(SVG.subscripted("E_total") == "E" + sub("total"))
        #expect(SVG.subscripted("g_12") == "g₁₂")
        for unchanged in ["L2, λ = 0.003", "1e5", "max2", "10⁻³", "v2.5", "a < b"] {
            #expect(SVG.subscripted(unchanged) == SVG.escape(unchanged), "\(unchanged)")
        }
        let plot = ContourPathsPlot(xRange: -1...1, yRange: -1...1, grid: [[0, 1], [1, 2]], levels: [0.5], paths: [],
                                    xLabel: Localized(same: "v1"), yLabel: Localized(same: "v2"))
        let svg = plot.svg(title: "t", description: "d", language: .en)
        #expect(svg.contains(">v₁</text>") && svg.contains(">v₂</text>") && !svg.contains(">v1<"))
    }

    @Test("a y-axis name in Chinese is written across above the window, a Latin one turned up the side")
    func chineseAxisNames() {
        let plot = LinePlot(xLabel: Localized("step", zh: "步数"), yLabel: Localized("loss L", zh: "损失 L"),
                            series: [.init(Localized("a", zh: "甲"), [.init(0, 1), .init(1, 2)])])
        let zh = plot.svg(title: "t", description: "d", language: .zh)
        let en = plot.svg(title: "t", description: "d", language: .en)
        let zhLabel = try? #require(zh.components(separatedBy: "\n").first { $0.hasSuffix(">损失 L</text>") })
        #expect(zhLabel.map { !$0.contains("rotate") } == true)
        #expect(en.components(separatedBy: "\n").first { $0.hasSuffix(">loss L</text>") }?.contains("rotate(-90") == true)
        // The name sits above the window, below the legend.
        let layout = plot.layout(language: .zh)
        #expect(layout.frame.top - layout.legend.height >= 20 + 18)
    }
}
