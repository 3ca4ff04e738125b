/// Several line plots side by side, each under its own heading: "before" and "after" views of the same thing.
///
/// Each panel keeps its own axes and ranges (a batch before and after normalization lives on
/// very different scales). Panels are nested SVG documents, so each keeps its own ids.
public struct PanelRow: Drawing {
    /// One plot with its heading.
    public struct Panel: Sendable {
        public let heading: Localized
        public let plot: LinePlot
        public init(_ heading: Localized, _ plot: LinePlot) {
            self.heading = heading
            self.plot = plot
        }
    }

    public var panels: [Panel]

    public init(_ panels: [Panel]) {
        precondition(!panels.isEmpty, "a row needs a panel")
        self.panels = panels
    }

    public func svg(title: String, description: String, language: Language) -> String {
        let headingHeight = 24.0
        let width = panels.reduce(0) { $0 + $1.plot.width }
        let height = headingHeight + (panels.map(\.plot.height).max() ?? 0)
        var s = SVG.open(width: width, height: height, title: title, description: description)
        var x = 0.0
        for (k, panel) in panels.enumerated() {
            let heading = panel.heading[language]
            s += SVG.text(heading, x: x + panel.plot.width / 2, y: 17, size: 13, weight: "bold")
            // The inner title must differ between panels and figures: it names the inner ids.
            var inner = panel.plot.svg(title: "\(title) — \(k + 1). \(heading)", description: heading, language: language)
            if inner.hasPrefix("<svg ") {
                inner = "<svg x=\"\(SVG.n(x))\" y=\"\(SVG.n(headingHeight))\" " + inner.dropFirst(5)
            }
            s += inner
            x += panel.plot.width
        }
        return s + "</svg>\n"
    }
}
