import Foundation

/// The window every plot draws its data in: how data maps to pixels (linear or logarithmic axes),
/// which ticks are labelled and how, the grid, the axis labels, legend placement and clipping.
///
/// Line plots, bar charts, heatmap panels and contour plots all build one, so an axis looks and
/// behaves the same in every figure of the course.
public struct PlotFrame: Sendable {
    /// How tick values are written.
    public enum TickFormat: Sendable {
        /// Four significant digits: 0.25, 1200.
        case number
        /// Values in 0…1 written as percentages: 25%.
        case percent
    }

    /// One axis: its range in axis units (log10 of the data on a logarithmic axis) and its ticks.
    public struct Axis: Sendable {
        public let range: ClosedRange<Double>
        public let logarithmic: Bool
        /// Tick positions, in axis units.
        public let ticks: [Double]
        public let format: TickFormat

        public init(range: ClosedRange<Double>, logarithmic: Bool = false, ticks: [Double], format: TickFormat = .number) {
            self.range = range
            self.logarithmic = logarithmic
            self.ticks = ticks
            self.format = format
        }

        /// A linear axis ticked at 1, 2 or 5 × 10ᵏ; `integer` keeps whole-number ticks only
        /// (counts such as epochs and steps have no step 2.5).
        public static func linear(_ range: ClosedRange<Double>, integer: Bool = false, format: TickFormat = .number) -> Axis {
            Axis(range: range, ticks: Ticks.nice(range).filter { !integer || $0 == $0.rounded() }, format: format)
        }

        /// A logarithmic axis over `decades` (log10 units): a label on whole decades only
        /// (10⁻³, 10⁻², …, at most about eight), 1, 2, 5 × 10ᵏ when it spans less than two decades.
        public static func logarithmic(_ decades: ClosedRange<Double>) -> Axis {
            let whole = Array(Int(decades.lowerBound.rounded(.up))...Int(max(decades.lowerBound.rounded(.up), decades.upperBound.rounded(.down)))).map(Double.init)
            if whole.count < 2 {
                // Less than two decades: 1, 2 and 5 times the powers of ten inside, still at their log positions.
                var ticks: [Double] = []
                for k in Int(decades.lowerBound.rounded(.down))...Int(decades.upperBound.rounded(.up)) {
                    for factor in [1.0, 2.0, 5.0] {
                        let t = Double(k) + log10(factor)
                        if t >= decades.lowerBound - 1e-9 && t <= decades.upperBound + 1e-9 { ticks.append(t) }
                    }
                }
                return Axis(range: decades, logarithmic: true, ticks: ticks)
            }
            let every = max(1, Int((Double(whole.count) / 8).rounded(.up)))
            return Axis(range: decades, logarithmic: true, ticks: whole.enumerated().filter { $0.offset % every == 0 }.map(\.element))
        }

        /// The same axis with at most about one tick per 45 pixels of its `length`.
        public func thinned(length: Double) -> Axis {
            let most = max(2, Int(length / 45))
            guard ticks.count > most else { return self }
            let stride = (ticks.count + most - 1) / most
            return Axis(range: range, logarithmic: logarithmic, ticks: ticks.enumerated().filter { $0.offset % stride == 0 }.map(\.element), format: format)
        }

        /// A data value in axis units (its log10 on a logarithmic axis; non-positive values sink far below).
        public func position(_ value: Double) -> Double { logarithmic ? log10(max(value, 1e-300)) : value }

        /// The label of tick `t`: 10ⁿ on whole decades of a logarithmic axis.
        public func label(_ t: Double) -> String {
            if logarithmic {
                // Whole decades read 10ⁿ; an axis short of two decades reads plain numbers throughout.
                let decadesOnly = ticks.allSatisfy { $0 == $0.rounded() }
                return decadesOnly ? NumberFormat.power(Int(t.rounded())) : NumberFormat.display(pow(10, t), significant: 3)
            }
            switch format {
            case .number: return NumberFormat.display(t, significant: 4)
            case .percent: return NumberFormat.display(t * 100, significant: 4) + "%"
            }
        }
    }

    /// The plotting rectangle, in pixels.
    public let left: Double
    public let top: Double
    public let width: Double
    public let height: Double
    public let x: Axis
    public let y: Axis

    public init(left: Double, top: Double, width: Double, height: Double, x: Axis, y: Axis) {
        self.left = left
        self.top = top
        self.width = width
        self.height = height
        self.x = x
        self.y = y
    }

    // MARK: Data to pixels

    /// The pixel column of an x value (axis units).
    func column(_ t: Double) -> Double { left + (t - x.range.lowerBound) / (x.range.upperBound - x.range.lowerBound) * width }
    /// The pixel row of a y value (axis units).
    func row(_ t: Double) -> Double { top + height - (t - y.range.lowerBound) / (y.range.upperBound - y.range.lowerBound) * height }
    /// The pixel column of a data x.
    public func px(_ value: Double) -> Double { column(x.position(value)) }
    /// The pixel row of a data y.
    public func py(_ value: Double) -> Double { row(y.position(value)) }
    /// Whether a data point can be placed at all (finite, and positive on a logarithmic axis).
    public func plottable(_ p: LinePlot.Point) -> Bool {
        p.x.isFinite && p.y.isFinite && (!x.logarithmic || p.x > 0) && (!y.logarithmic || p.y > 0)
    }

    // MARK: Clipping

    /// The clip path's id for a figure: unique per title, so several inlined figures never share it.
    public static func clipID(_ title: String) -> String { SVG.identifier(for: title) + "-clip" }

    /// The `<defs>` naming the plotting rectangle as a clip path, a line's width wider on every side
    /// so a curve running along the edge (a loss at exactly 10⁰ on a fitted log axis) shows whole.
    public func clipDefinition(_ id: String) -> String {
        let m = 2.0
        return "<defs><clipPath id=\"\(id)\"><rect x=\"\(SVG.n(left - m))\" y=\"\(SVG.n(top - m))\" width=\"\(SVG.n(width + 2 * m))\" height=\"\(SVG.n(height + 2 * m))\"/></clipPath></defs>\n"
    }

    /// Content cut off at the plotting rectangle: data beyond the window never spills onto the labels.
    public func clipped(_ id: String, _ content: String) -> String {
        "<g clip-path=\"url(#\(id))\">\n" + content + "</g>\n"
    }

    // MARK: Axes

    /// Grid lines across the window at every tick, each with its label (x ticks first, then y).
    public func grid(color: String) -> String {
        var s = ""
        for t in x.ticks {
            s += SVG.line(column(t), top, column(t), top + height, stroke: color)
            s += SVG.text(x.label(t), x: column(t), y: top + height + 16, size: 11, fill: "#444")
        }
        for t in y.ticks {
            s += SVG.line(left, row(t), left + width, row(t), stroke: color)
            s += SVG.text(y.label(t), x: left - 6, y: row(t) + 4, anchor: "end", size: 11, fill: "#444")
        }
        return s
    }

    /// Short tick marks outside the window instead of grid lines (where colour fills the window).
    public func tickMarks(fontSize: Double) -> String {
        var s = ""
        for t in x.ticks {
            s += SVG.line(column(t), top + height, column(t), top + height + 4, stroke: "#555")
            s += SVG.text(x.label(t), x: column(t), y: top + height + 15, size: fontSize, fill: "#444")
        }
        for t in y.ticks {
            s += SVG.line(left - 4, row(t), left, row(t), stroke: "#555")
            s += SVG.text(y.label(t), x: left - 6, y: row(t) + 4, anchor: "end", size: fontSize, fill: "#444")
        }
        return s
    }

    /// The window's outline.
    public func border(_ stroke: String) -> String {
        "<rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(width))\" height=\"\(SVG.n(height))\" fill=\"none\" stroke=\"\(stroke)\"/>\n"
    }

    /// The x axis's name, centred `below` pixels under the window.
    public func xLabel(_ text: String, below: Double, size: Double = 12) -> String {
        SVG.text(text, x: left + width / 2, y: top + height + below, size: size)
    }

    /// The y axis's name. In English it is turned to run up the left side, centred on column `x`;
    /// in Chinese it is written across, above the window (characters on their side are hard to
    /// read, and a lone symbol beside them should read the same way), in the `labelBand` its plot
    /// leaves free there.
    public func yLabel(_ text: String, x lx: Double, size: Double = 12, language: Language) -> String {
        if Self.writtenAcross(text, language) { return SVG.text(text, x: max(4, left - 56), y: top - 8, anchor: "start", size: size) }
        let ly = top + height / 2
        return SVG.text(text, x: lx, y: ly, size: size, extra: " transform=\"rotate(-90 \(SVG.n(lx)) \(SVG.n(ly)))\"")
    }

    /// Whether a y-axis name is written across the top rather than turned: in the Chinese edition,
    /// or whenever it holds CJK characters.
    public static func writtenAcross(_ text: String, _ language: Language) -> Bool {
        language == .zh || text.unicodeScalars.contains { $0.value >= 0x2E80 }
    }

    /// The height a plot keeps free above its window for a y-axis name written across.
    public static func labelBand(_ text: String, _ language: Language) -> Double { writtenAcross(text, language) && !text.isEmpty ? 18 : 0 }

    // MARK: Legend

    /// A legend in rows above the window: entries flow left to right and wrap within a width.
    /// Above the window a legend never covers data.
    public struct Legend: Sendable {
        /// The little sample drawn before each name.
        public enum Key: Sendable {
            /// A line, dashed with the given `stroke-dasharray` or solid.
            case line(dash: String?)
            case dot
        }

        /// One named series.
        public struct Entry: Sendable {
            public let name: String
            /// Index into `SVG.palette`.
            public let color: Int
            public let key: Key
            public init(_ name: String, color: Int, key: Key) {
                self.name = name
                self.color = color
                self.key = key
            }
        }

        /// A rectangle in pixels.
        public struct Box: Sendable {
            public let x, y, width, height: Double
            /// Whether two rectangles share any area.
            public func overlaps(_ o: Box) -> Bool {
                x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height
            }
        }

        public let entries: [Entry]
        public let left: Double
        /// The row of each entry and its offset within the row.
        let places: [(row: Int, x: Double)]
        public let rows: Int

        /// Entries laid out from column `left` across `width` pixels; nameless entries are left out.
        public init(_ entries: [Entry], left: Double, width: Double) {
            self.entries = entries.filter { !$0.name.isEmpty }
            self.left = left
            var places: [(row: Int, x: Double)] = []
            var row = 0, x = 0.0
            for entry in self.entries {
                let w = 26 + GridDrawing.textWidth(entry.name, size: 12) + 18
                if x > 0 && x + w > width { row += 1; x = 0 }
                places.append((row, x))
                x += w
            }
            self.places = places
            self.rows = self.entries.isEmpty ? 0 : row + 1
        }

        /// The height of the band the rows take at the top of the figure.
        public var height: Double { 18 * Double(rows) }

        /// Each entry's extent, key and name.
        public var boxes: [Box] {
            zip(entries, places).map { entry, place in
                Box(x: left + place.x, y: 16 + 18 * Double(place.row) - 13, width: 26 + GridDrawing.textWidth(entry.name, size: 12), height: 17)
            }
        }

        public func svg() -> String {
            var s = ""
            for (entry, place) in zip(entries, places) {
                let color = SVG.palette[entry.color % SVG.palette.count]
                let lx = left + place.x, ly = 16 + 18 * Double(place.row)
                switch entry.key {
                case .dot:
                    s += "<circle cx=\"\(SVG.n(lx + 10))\" cy=\"\(SVG.n(ly - 4))\" r=\"4\" fill=\"\(color)\"/>\n"
                case .line(let dash):
                    s += SVG.line(lx, ly - 4, lx + 20, ly - 4, stroke: color, width: 2, extra: dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")
                }
                s += SVG.text(entry.name, x: lx + 26, y: ly, anchor: "start", size: 12)
            }
            return s
        }
    }
}

/// Tick positions at 1, 2 or 5 times a power of ten.
public enum Ticks {
    /// The whole decades around values given as log10: [-3.2, -0.4] → -4...0.
    public static func decades(_ logs: [Double]) -> ClosedRange<Double> {
        guard let lo = logs.min(), let hi = logs.max() else { return 0...1 }
        let low = lo.rounded(.down), high = hi.rounded(.up)
        return low...(high > low ? high : low + 1)
    }

    /// A step close to span/target that is 1, 2 or 5 × 10^k.
    public static func step(for span: Double, target: Int = 6) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(target)
        let power = pow(10, (log10(raw)).rounded(.down))
        let f = raw / power
        let nice: Double = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10
        return nice * power
    }

    /// Tick values inside the range.
    public static func nice(_ range: ClosedRange<Double>) -> [Double] {
        let st = step(for: range.upperBound - range.lowerBound)
        var t = (range.lowerBound / st).rounded(.up) * st
        var out: [Double] = []
        while t <= range.upperBound + st * 1e-9 && out.count < 50 {
            out.append(abs(t) < st * 1e-9 ? 0 : t)
            t += st
        }
        return out
    }

    /// The data's extent rounded out to whole ticks; a flat or empty set gets a unit range.
    public static func niceRange(_ values: [Double]) -> ClosedRange<Double> {
        guard let lo = values.min(), let hi = values.max() else { return 0...1 }
        if hi - lo < 1e-12 { return (lo - 1)...(hi + 1) }
        let st = step(for: hi - lo)
        return ((lo / st).rounded(.down) * st)...((hi / st).rounded(.up) * st)
    }
}
