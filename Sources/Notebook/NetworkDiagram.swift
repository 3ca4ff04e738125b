/// A layered network drawn left to right: neurons as circles with their values inside, edges
/// labelled with their weights, biases written under each neuron.
public struct NetworkDiagram: Drawing {
    /// One neuron.
    public struct Node: Sendable {
        /// The neuron's name, e.g. "h1".
        public let name: String
        /// The value it holds in this pass (shown inside), if any.
        public let value: Double?
        /// Its bias (shown below), if it has one.
        public let bias: Double?
        public init(_ name: String, value: Double? = nil, bias: Double? = nil) {
            self.name = name
            self.value = value
            self.bias = bias
        }
    }

    /// A connection from node `from` in layer `layer` to node `to` in layer `layer + 1`.
    public struct Edge: Sendable {
        public let layer: Int
        public let from: Int
        public let to: Int
        public let weight: Double
        public init(layer: Int, from: Int, to: Int, weight: Double) {
            self.layer = layer
            self.from = from
            self.to = to
            self.weight = weight
        }
    }

    public var layers: [[Node]]
    public var edges: [Edge]
    /// A caption above each layer, e.g. "input", "hidden", "output".
    public var layerNames: [Localized]
    public var width: Double
    public var digits: Int

    /// A diagram; `edges` name nodes by index within their layers.
    public init(layers: [[Node]], edges: [Edge], layerNames: [Localized] = [], width: Double = 560, digits: Int = 4) {
        self.layers = layers
        self.edges = edges
        self.layerNames = layerNames
        self.width = width
        self.digits = digits
    }

    /// A fully connected diagram from weight matrices: `weights[l][i][j]` joins node i of layer l
    /// to node j of layer l + 1 (the engine's inputs × outputs convention).
    public static func dense(layers: [[Node]], weights: [[[Double]]], layerNames: [Localized] = [], digits: Int = 4) -> NetworkDiagram {
        var edges: [Edge] = []
        for (l, w) in weights.enumerated() {
            for (i, row) in w.enumerated() {
                for (j, value) in row.enumerated() { edges.append(Edge(layer: l, from: i, to: j, weight: value)) }
            }
        }
        return NetworkDiagram(layers: layers, edges: edges, layerNames: layerNames, digits: digits)
    }

    public func svg(title: String, description: String, language: Language) -> String {
        let radius = 26.0
        let rowGap = 92.0
        let maxNodes = Double(layers.map(\.count).max() ?? 1)
        let top = 40.0
        let height = top + maxNodes * rowGap + 10
        let columnGap = layers.count > 1 ? (width - 2 * 60) / Double(layers.count - 1) : 0
        func position(_ layer: Int, _ index: Int) -> (x: Double, y: Double) {
            let count = Double(layers[layer].count)
            let offset = (maxNodes - count) * rowGap / 2
            return (60 + Double(layer) * columnGap, top + offset + rowGap / 2 + Double(index) * rowGap - 6)
        }
        var s = SVG.open(width: width, height: height, title: title, description: description)
        for (l, name) in layerNames.enumerated() where l < layers.count {
            s += SVG.text(name[language], x: position(l, 0).x, y: 18, size: 12, fill: "#555", weight: "bold")
        }
        // Edges first, labels on top of them, nodes last so circles cover the line ends.
        var labels = ""
        for e in edges where e.layer + 1 < layers.count && e.from < layers[e.layer].count && e.to < layers[e.layer + 1].count {
            let a = position(e.layer, e.from), b = position(e.layer + 1, e.to)
            let strong = min(3.5, 0.8 + abs(e.weight) * 0.6)
            let color = e.weight < 0 ? "#D55E00" : "#0072B2"
            s += SVG.line(a.x + radius, a.y, b.x - radius, b.y, stroke: color, width: strong,
                          extra: e.weight == 0 ? " stroke-dasharray=\"4 4\" opacity=\"0.6\"" : "")
            // Label at 30% of the way so labels of edges fanning out of one node do not collide.
            let t = 0.3
            let lx = a.x + radius + (b.x - radius - a.x - radius) * t
            let ly = a.y + (b.y - a.y) * t
            let text = NumberFormat.display(e.weight, significant: digits)
            let w = Double(text.count) * 6.6 + 6
            labels += "<rect x=\"\(SVG.n(lx - w / 2))\" y=\"\(SVG.n(ly - 9))\" width=\"\(SVG.n(w))\" height=\"15\" rx=\"3\" fill=\"#fff\" opacity=\"0.92\"/>\n"
            labels += SVG.text(text, x: lx, y: ly + 3, size: 11, fill: color)
        }
        s += labels
        for (l, layer) in layers.enumerated() {
            for (i, node) in layer.enumerated() {
                let p = position(l, i)
                s += "<circle cx=\"\(SVG.n(p.x))\" cy=\"\(SVG.n(p.y))\" r=\"\(SVG.n(radius))\" fill=\"#f4f8fc\" stroke=\"#333\" stroke-width=\"1.5\"/>\n"
                if let v = node.value {
                    s += SVG.text(node.name, x: p.x, y: p.y - 5, size: 11, fill: "#555")
                    s += SVG.text(NumberFormat.display(v, significant: digits), x: p.x, y: p.y + 11, size: 12, weight: "bold")
                } else {
                    s += SVG.text(node.name, x: p.x, y: p.y + 4, size: 13, weight: "bold")
                }
                if let b = node.bias {
                    s += SVG.text("b = " + NumberFormat.display(b, significant: digits), x: p.x, y: p.y + radius + 15, size: 11, fill: "#555")
                }
            }
        }
        return s + "</svg>\n"
    }
}
