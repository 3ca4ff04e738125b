/// A grouped bar chart: one group of bars per category (e.g. a class), one bar per series
/// (e.g. computed probabilities beside a text's illustrative ones), each bar labelled with its value.
public struct BarChart: Drawing {
    /// One set of bars, one value per category.
    public struct Series: Sendable {
        public let name: Localized
        public let values: [Double]
        /// Index into `SVG.palette`.
        public let color: Int
        /// Draw the bars hatched-looking (lighter fill, dashed outline), for values that are not computed.
        public let muted: Bool
        public init(_ name: Localized, _ values: [Double], color: Int = 0, muted: Bool = false) {
            self.name = name
            self.values = values
            self.color = color
            self.muted = muted
        }
    }

    /// How the value above each bar is written.
    public enum ValueStyle: Sendable {
        /// `significant` significant digits: 0.786.
        case number(significant: Int)
        /// As a percentage with `decimals` places: 78.6%.
        case percent(decimals: Int)
    }

    public var categories: [Localized]
    public var series: [Series]
    public var yLabel: Localized
    public var yRange: ClosedRange<Double>?
    public var valueStyle: ValueStyle
    public var width: Double
    public var height: Double

    /// A chart; the y range defaults to 0 (or the smallest value) up to the largest value, rounded out to ticks.
    public init(categories: [Localized], series: [Series], yLabel: Localized, yRange: ClosedRange<Double>? = nil,
                valueStyle: ValueStyle = .number(significant: 3), width: Double = 560, height: Double = 320) {
        precondition(series.allSatisfy { $0.values.count == categories.count }, "every series needs one value per category")
        self.categories = categories
        self.series = series
        self.yLabel = yLabel
        self.yRange = yRange
        self.valueStyle = valueStyle
        self.width = width
        self.height = height
    }

    func label(_ v: Double) -> String {
        switch valueStyle {
        case .number(let d): return NumberFormat.display(v, significant: d)
        case .percent(let d): return NumberFormat.fixed(v * 100, decimals: d) + "%"
        }
    }

    public func svg(title: String, description: String, language: Language) -> String {
        let left = 64.0, right = 16.0, top = 20.0 + 17 * Double(series.count) + PlotFrame.labelBand(yLabel[language], language), bottom = 44.0
        let values = series.flatMap(\.values).filter(\.isFinite)
        let percent: Bool = { if case .percent = valueStyle { return true } else { return false } }()
        // The categories lie along x: the frame's x axis carries no ticks.
        let frame = PlotFrame(left: left, top: top, width: width - left - right, height: height - top - bottom,
                              x: PlotFrame.Axis(range: 0...1, ticks: []),
                              y: .linear(yRange ?? Ticks.niceRange(values + [0]), format: percent ? .percent : .number))
        let plotW = frame.width, plotH = frame.height
        func py(_ y: Double) -> Double { frame.py(y) }
        var s = SVG.open(width: width, height: height, title: title, description: description)
        s += frame.grid(color: "#e3e3e3")
        let zero = py(max(frame.y.range.lowerBound, min(0, frame.y.range.upperBound)))
        s += SVG.line(left, zero, left + plotW, zero, stroke: "#555", width: 1.2)
        s += SVG.line(left, top, left, top + plotH, stroke: "#555", width: 1.2)
        s += frame.yLabel(yLabel[language], x: 14, language: language)
        let groupW = plotW / Double(max(1, categories.count))
        let barW = min(56, groupW * 0.8 / Double(max(1, series.count)))
        for (c, category) in categories.enumerated() {
            let groupX = left + groupW * Double(c) + (groupW - barW * Double(series.count)) / 2
            for (k, ser) in series.enumerated() {
                let v = ser.values[c]
                guard v.isFinite else { continue }
                let color = SVG.palette[ser.color % SVG.palette.count]
                let x = groupX + barW * Double(k)
                let y0 = min(py(v), zero), h = abs(py(v) - zero)
                let style = ser.muted
                    ? "fill=\"\(color)\" fill-opacity=\"0.25\" stroke=\"\(color)\" stroke-dasharray=\"4 3\""
                    : "fill=\"\(color)\" stroke=\"none\""
                s += "<rect x=\"\(SVG.n(x + 2))\" y=\"\(SVG.n(y0))\" width=\"\(SVG.n(barW - 4))\" height=\"\(SVG.n(h))\" \(style)/>\n"
                s += SVG.text(label(v), x: x + barW / 2, y: v >= 0 ? y0 - 4 : y0 + h + 12, size: 10.5, fill: "#222")
            }
            s += SVG.text(category[language], x: left + groupW * (Double(c) + 0.5), y: top + plotH + 18, size: 12)
        }
        // Legend above the plot.
        var ly = 16.0
        for ser in series {
            let color = SVG.palette[ser.color % SVG.palette.count]
            let style = ser.muted ? "fill=\"\(color)\" fill-opacity=\"0.25\" stroke=\"\(color)\" stroke-dasharray=\"4 3\"" : "fill=\"\(color)\""
            s += "<rect x=\"\(SVG.n(left + 4))\" y=\"\(SVG.n(ly - 10))\" width=\"14\" height=\"11\" \(style)/>\n"
            s += SVG.text(ser.name[language], x: left + 24, y: ly, anchor: "start", size: 12)
            ly += 17
        }
        return s + "</svg>\n"
    }
}
