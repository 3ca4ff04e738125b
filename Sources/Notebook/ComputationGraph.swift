/// A computation graph drawn left to right, as micrograd draws it: every node is a box showing
/// its name, its value from the forward pass and its gradient from the backward pass; an
/// operation (σ, Σ, …) sits in a small circle on the left of the node it produces.
///
/// Columns are found from the edges (a node sits one column right of its deepest input; a leaf
/// sits just left of its first consumer) and nodes inside a column are ordered by the average
/// position of their neighbours, ties kept in the order the nodes were given.
public struct ComputationGraph: Drawing {
    /// What a node holds; each kind has its own fill colour.
    public enum Kind: Sendable {
        /// Data fed in: inputs and targets.
        case data
        /// A weight or bias: what training changes.
        case parameter
        /// An intermediate result.
        case computed
        /// The loss at the end of the graph.
        case loss
    }

    /// One node: a value, and where it came from.
    public struct Node: Sendable {
        /// A unique key used by other nodes' `inputs`.
        public let id: String
        /// The name shown in the box, e.g. "h1" or "ŷ".
        public let label: String
        /// The operation that produced the node (shown in a circle), nil for a leaf.
        public let op: String?
        /// The ids of the nodes it was computed from.
        public let inputs: [String]
        public let value: Double
        /// ∂L/∂(this node), nil where none is shown (e.g. a target).
        public let gradient: Double?
        public let kind: Kind

        public init(_ id: String, label: String? = nil, op: String? = nil, inputs: [String] = [],
                    value: Double, gradient: Double?, kind: Kind) {
            self.id = id
            self.label = label ?? id
            self.op = op
            self.inputs = inputs
            self.value = value
            self.gradient = gradient
            self.kind = kind
        }
    }

    public var nodes: [Node]
    /// Significant digits of values and gradients.
    public var digits: Int

    /// A graph; every id in `inputs` must name a node of the list.
    public init(nodes: [Node], digits: Int = 4) {
        let ids = Set(nodes.map(\.id))
        precondition(ids.count == nodes.count, "node ids must be unique")
        precondition(nodes.allSatisfy { $0.inputs.allSatisfy(ids.contains) }, "every input must be a node")
        self.nodes = nodes
        self.digits = digits
    }

    /// The column of every node, left to right from 0.
    func columns() -> [String: Int] {
        let byID = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0) })
        var column: [String: Int] = [:]
        func depth(_ id: String) -> Int {
            if let c = column[id] { return c }
            let node = byID[id]!
            let c = node.inputs.isEmpty ? 0 : 1 + node.inputs.map(depth).max()!
            column[id] = c
            return c
        }
        for n in nodes { _ = depth(n.id) }
        // A leaf is drawn just left of its earliest consumer, so a late parameter such as w5
        // does not stretch an edge across the whole picture.
        for n in nodes where n.inputs.isEmpty {
            let consumers = nodes.filter { $0.inputs.contains(n.id) }.map { column[$0.id]! }
            if let first = consumers.min() { column[n.id] = max(0, first - 1) }
        }
        return column
    }

    /// Node ids per column, ordered top to bottom.
    func layout() -> [[String]] {
        let column = columns()
        let count = (column.values.max() ?? 0) + 1
        var order: [[String]] = Array(repeating: [], count: count)
        for n in nodes { order[column[n.id]!].append(n.id) }
        let declared = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.id, $0) })
        let inputs = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0.inputs) })
        var consumers: [String: [String]] = [:]
        for n in nodes { for i in n.inputs { consumers[i, default: []].append(n.id) } }
        func rank() -> [String: Double] {
            var r: [String: Double] = [:]
            for col in order { for (i, id) in col.enumerated() { r[id] = (Double(i) + 0.5) / Double(col.count) } }
            return r
        }
        // Barycentre sweeps: right to left by consumers, left to right by inputs.
        func sweep(_ neighbours: [String: [String]], _ columnsInOrder: [Int]) {
            for c in columnsInOrder {
                let r = rank()
                order[c] = order[c].map { id -> (String, Double) in
                    let ns = neighbours[id] ?? []
                    let key = ns.isEmpty ? r[id]! : ns.map { r[$0]! }.reduce(0, +) / Double(ns.count)
                    return (id, key)
                }.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : declared[$0.0]! < declared[$1.0]! }.map(\.0)
            }
        }
        for _ in 0..<2 {
            sweep(consumers, Array((0..<count).reversed()))
            sweep(inputs, Array(0..<count))
        }
        sweep(consumers, Array((0..<count).reversed()))
        return order
    }

    public func svg(title: String, description: String, language: Language) -> String {
        let order = layout()
        let boxW = 104.0, boxH = 54.0, rowGap = 12.0, opR = 12.0, opGap = 5.0, edgeSpace = 34.0
        let pitch = opGap + 2 * opR + boxW + edgeSpace
        let margin = 12.0, top = 12.0
        let tallest = Double(order.map(\.count).max() ?? 1)
        let height = top * 2 + tallest * boxH + (tallest - 1) * rowGap + 22
        let width = margin * 2 + Double(order.count) * pitch - edgeSpace
        var position: [String: (x: Double, y: Double)] = [:]   // top-left corner of each box
        for (c, col) in order.enumerated() {
            let colHeight = Double(col.count) * boxH + Double(col.count - 1) * rowGap
            let y0 = top + (tallest * boxH + (tallest - 1) * rowGap - colHeight) / 2
            for (i, id) in col.enumerated() {
                position[id] = (margin + Double(c) * pitch + opGap + 2 * opR, y0 + Double(i) * (boxH + rowGap))
            }
        }
        let valueWord = language == .en ? "value" : "值"
        let gradWord = language == .en ? "grad" : "梯度"
        var s = SVG.open(width: width, height: height, title: title, description: description)
        // Edges first, so boxes and circles cover their ends.
        for n in nodes {
            guard let to = position[n.id] else { continue }
            let targetX = n.op == nil ? to.x : to.x - opGap - 2 * opR
            let targetY = to.y + boxH / 2
            for i in n.inputs {
                guard let from = position[i] else { continue }
                let x1 = from.x + boxW, y1 = from.y + boxH / 2
                let dx = max(12, (targetX - x1) / 2)
                s += "<path d=\"M\(SVG.n(x1)) \(SVG.n(y1)) C\(SVG.n(x1 + dx)) \(SVG.n(y1)) \(SVG.n(targetX - dx)) \(SVG.n(targetY)) \(SVG.n(targetX)) \(SVG.n(targetY))\" fill=\"none\" stroke=\"#8a8a8a\" stroke-width=\"1.2\"/>\n"
            }
        }
        for n in nodes {
            guard let p = position[n.id] else { continue }
            let fill: String
            switch n.kind {
            case .data: fill = "#e8f1fa"
            case .parameter: fill = "#fdf3dc"
            case .computed: fill = "#f4f4f4"
            case .loss: fill = "#fbe3d9"
            }
            if let op = n.op {
                let cx = p.x - opGap - opR, cy = p.y + boxH / 2
                s += SVG.line(cx + opR, cy, p.x, cy, stroke: "#8a8a8a", width: 1.2)
                s += "<circle cx=\"\(SVG.n(cx))\" cy=\"\(SVG.n(cy))\" r=\"\(SVG.n(opR))\" fill=\"#ffffff\" stroke=\"#555\" stroke-width=\"1.2\"/>\n"
                s += SVG.text(op, x: cx, y: cy + 4.5, size: op.count > 2 ? 8.5 : (op.count > 1 ? 10 : 13), fill: "#333", weight: "bold")
            }
            s += "<rect x=\"\(SVG.n(p.x))\" y=\"\(SVG.n(p.y))\" width=\"\(SVG.n(boxW))\" height=\"\(SVG.n(boxH))\" rx=\"5\" fill=\"\(fill)\" stroke=\"#444\" stroke-width=\"1.2\"/>\n"
            s += SVG.line(p.x, p.y + 18, p.x + boxW, p.y + 18, stroke: "#bbb", width: 0.8)
            s += SVG.text(n.label, x: p.x + boxW / 2, y: p.y + 13.5, size: 12.5, fill: "#111", weight: "bold")
            s += SVG.text(valueWord, x: p.x + 5, y: p.y + 32, anchor: "start", size: 10, fill: "#666")
            s += SVG.text(NumberFormat.display(n.value, significant: digits), x: p.x + boxW - 5, y: p.y + 32, anchor: "end", size: 12, fill: "#111")
            if let g = n.gradient {
                s += SVG.text(gradWord, x: p.x + 5, y: p.y + 48, anchor: "start", size: 10, fill: "#666")
                s += SVG.text(NumberFormat.display(g, significant: digits), x: p.x + boxW - 5, y: p.y + 48, anchor: "end", size: 12,
                              fill: g < 0 ? "#b34700" : "#005a8c", weight: "bold")
            }
        }
        // Legend of the fills.
        let legend: [(String, String)] = language == .en
            ? [("#e8f1fa", "data"), ("#fdf3dc", "parameter"), ("#f4f4f4", "computed"), ("#fbe3d9", "loss")]
            : [("#e8f1fa", "数据"), ("#fdf3dc", "参数"), ("#f4f4f4", "中间结果"), ("#fbe3d9", "损失")]
        var lx = margin
        let ly = height - 10
        for (color, word) in legend {
            s += "<rect x=\"\(SVG.n(lx))\" y=\"\(SVG.n(ly - 9))\" width=\"12\" height=\"10\" fill=\"\(color)\" stroke=\"#444\" stroke-width=\"0.8\"/>\n"
            s += SVG.text(word, x: lx + 16, y: ly, anchor: "start", size: 11, fill: "#444")
            lx += 16 + Double(word.count) * (language == .en ? 6.5 : 12) + 14
        }
        return s + "</svg>\n"
    }
}
